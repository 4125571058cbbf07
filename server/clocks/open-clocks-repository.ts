// What is stored of running clocks: the open_clocks rows, written with their records in
// the ingest transaction, and the sweep watermark, up to which deadlines that passed are
// already counted. Rows name what runs the clock by type and id, so any kind of item
// that runs clocks stores them here.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { jsonTextRows, keyRows } from '../db/bulk'
import type { Database } from '../db/schema'
import type { StatutoryClock } from './statutory-clocks'

export interface OpenClockRow {
  record_type: string
  record_id: string
  clock: string
  region_code: string
  starts_at: Date
  due_at: Date
}

/** The open_clocks rows of an item's clocks that are still running. */
export function openClockRowsOf(item: { type: string; id: string; regionCode: string }, clocks: readonly StatutoryClock[]): OpenClockRow[] {
  const rows: OpenClockRow[] = []
  for (const { clock, startsAt, dueAt, doneAt } of clocks) {
    if (doneAt === null) rows.push({ record_type: item.type, record_id: item.id, clock, region_code: item.regionCode, starts_at: startsAt, due_at: dueAt })
  }
  return rows
}

/** Replaces the running clocks of items stored before (`replaced`) and adds those of every written item. */
export async function writeOpenClocks(db: Kysely<Database>, replaced: readonly { type: string; id: string }[], openClockRows: readonly OpenClockRow[]): Promise<void> {
  if (replaced.length > 0) {
    await sql`
      delete from open_clocks where (record_type, record_id) in (
        select type, id from ${keyRows(replaced)})`.execute(db)
  }
  if (openClockRows.length > 0) await insertOpenClocks(JSON.stringify(openClockRows)).execute(db)
}

/** Inserts OpenClockRows, sent as one JSON array, if `when` holds. */
export function insertOpenClocks(json: string | RawBuilder<unknown>, when: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  return sql`
    insert into open_clocks (record_type, record_id, clock, region_code, starts_at, due_at)
    select record_type, record_id, clock, region_code, starts_at, due_at
    from ${jsonTextRows(json, { record_type: 'text', record_id: 'text', clock: 'text', region_code: 'text', starts_at: 'timestamptz', due_at: 'timestamptz' })}
    where ${when}`
}

/** Running clocks whose deadline falls in (`from`, `until`]. */
export function clocksFallingDue(db: Kysely<Database>, from: Date, until: Date) {
  return db.selectFrom('open_clocks').select(['clock', 'region_code', 'due_at']).where('due_at', '>', from).where('due_at', '<=', until).execute()
}

export async function sweptUntil(db: Kysely<Database>): Promise<Date> {
  const row = await db.selectFrom('sweep_watermark').select('swept_until').executeTakeFirstOrThrow()
  return new Date(row.swept_until)
}

export async function setSweptUntil(db: Kysely<Database>, until: Date): Promise<void> {
  await db.updateTable('sweep_watermark').set({ swept_until: until }).execute()
}
