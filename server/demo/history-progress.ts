// The demo's first-start history: this year to date, then the same span a year earlier
// (or, when configured, a number of days), and how far each is filled. Kept in the
// database so that a server stopped while filling carries on where it stopped on its next start.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { aYearEarlier, startOfChinaYear } from './china-time'
import { historyStart } from './backfill'

export interface HistorySpan {
  /** the span covers [from, to), epoch ms */
  from: number
  to: number
  /** records are posted up to here */
  filledUntil: number
}

export interface HistoryPlan {
  /** up to now: this year to date, or the configured days; filled first */
  recent: HistorySpan
  /** the same calendar span a year earlier, for year-on-year figures; none for a history of some days */
  yearEarlier: HistorySpan | undefined
}

export type HistoryPart = keyof HistoryPlan

/** A first start's history: this year to date and the same span a year earlier, or the last `days` days. */
export function firstHistoryPlan(now: number, days: number | undefined): HistoryPlan {
  if (days !== undefined) {
    const from = historyStart(now, days)
    return { recent: { from, to: now, filledUntil: from }, yearEarlier: undefined }
  }
  const from = startOfChinaYear(now)
  return { recent: { from, to: now, filledUntil: from }, yearEarlier: yearEarlierOf(from, now, aYearEarlier(from)) }
}

function yearEarlierOf(from: number, to: number, filledUntil: number): HistorySpan {
  return { from: aYearEarlier(from), to: aYearEarlier(to), filledUntil }
}

/** An unfinished history carried on at `now`: it fills up to now, and its year earlier up to the same time then; undefined when it is done. */
export function carriedOn(plan: HistoryPlan, now: number): HistoryPlan | undefined {
  const { recent, yearEarlier } = plan
  if (isFilled(recent) && isFilled(yearEarlier)) return undefined
  // This year's part done: it stays as it was, the gap to now is live's (as after any restart).
  if (isFilled(recent)) return plan
  return { recent: { ...recent, to: now }, yearEarlier: yearEarlier === undefined ? undefined : yearEarlierOf(recent.from, now, yearEarlier.filledUntil) }
}

export const isFilled = (span: HistorySpan | undefined): boolean => span === undefined || span.filledUntil >= span.to

/** Share of the history's time filled, 0–1. */
export function filledShare({ recent, yearEarlier }: HistoryPlan): number {
  const spans = yearEarlier === undefined ? [recent] : [recent, yearEarlier]
  const total = spans.reduce((sum, span) => sum + (span.to - span.from), 0)
  const filled = spans.reduce((sum, span) => sum + (Math.min(span.filledUntil, span.to) - span.from), 0)
  return total <= 0 ? 1 : filled / total
}

export async function readHistoryPlan(db: Kysely<Database>): Promise<HistoryPlan | undefined> {
  const row = await db.selectFrom('demo_history').selectAll().executeTakeFirst()
  if (row === undefined) return undefined
  const [from, to, filledUntil] = [row.starts_at, row.ends_at, row.filled_until].map((at) => new Date(at).getTime()) as [number, number, number]
  const earlierFilled = row.year_earlier_filled_until
  return { recent: { from, to, filledUntil }, yearEarlier: earlierFilled === null ? undefined : yearEarlierOf(from, to, new Date(earlierFilled).getTime()) }
}

/** Plans a history, or moves the end of an unfinished one (a restart fills up to its own start; the year earlier follows). */
export async function planHistory(db: Kysely<Database>, plan: HistoryPlan): Promise<void> {
  const row = {
    starts_at: new Date(plan.recent.from),
    ends_at: new Date(plan.recent.to),
    filled_until: new Date(plan.recent.filledUntil),
    year_earlier_filled_until: plan.yearEarlier === undefined ? null : new Date(plan.yearEarlier.filledUntil),
  }
  await db.insertInto('demo_history').values(row).onConflict((conflict) => conflict.column('singleton').doUpdateSet(row)).execute()
}

export async function recordHistoryFilled(db: Kysely<Database>, part: HistoryPart, until: number): Promise<void> {
  await db
    .updateTable('demo_history')
    .set(part === 'recent' ? { filled_until: new Date(until) } : { year_earlier_filled_until: new Date(until) })
    .execute()
}
