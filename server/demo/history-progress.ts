// How far the demo's first-start history is filled, kept in the database so that a
// server stopped while filling carries on where it stopped on its next start.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export interface HistorySpan {
  /** the history covers [from, to), epoch ms */
  from: number
  to: number
  /** records are posted up to here */
  filledUntil: number
}

export async function readHistorySpan(db: Kysely<Database>): Promise<HistorySpan | undefined> {
  const row = await db.selectFrom('demo_history').select(['starts_at', 'ends_at', 'filled_until']).executeTakeFirst()
  if (row === undefined) return undefined
  return { from: new Date(row.starts_at).getTime(), to: new Date(row.ends_at).getTime(), filledUntil: new Date(row.filled_until).getTime() }
}

/** Plans a history, or moves the end of an unfinished one (a restart fills up to its own start). */
export async function planHistory(db: Kysely<Database>, span: HistorySpan): Promise<void> {
  const row = { starts_at: new Date(span.from), ends_at: new Date(span.to), filled_until: new Date(span.filledUntil) }
  await db.insertInto('demo_history').values(row).onConflict((conflict) => conflict.column('singleton').doUpdateSet(row)).execute()
}

export async function recordHistoryFilled(db: Kysely<Database>, until: number): Promise<void> {
  await db.updateTable('demo_history').set({ filled_until: new Date(until) }).execute()
}
