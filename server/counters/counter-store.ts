// Counter changes for a record's region and every region above it: appended by
// ingest in its transaction, folded into the day and month tables in bulk, so that
// any summary reads a handful of rows and a parent always equals the sum of its
// children.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { jsonTextRows } from '../db/bulk'
import { unfoldedChanges } from '../db/counter-changes'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import type { CounterDeltas } from '../events/records-committed'

/** Receives a record's counter increments one by one: ingest adds them straight into its changes. */
export type IncrementSink = (metric: string, day: string, amount: number) => void

/** metric → day → change, for one region */
type RegionChanges = Map<string, Map<string, number>>

export class CounterChanges {
  /** changes at the records' own regions; ancestors are added when written */
  readonly #own = new Map<string, RegionChanges>()
  readonly #chains = new Map<string, string[]>()
  #rolled: Map<string, Record<string, Record<string, number>>> | undefined

  constructor(private readonly regions: RegionTree) {}

  /** Where a record's increments go at its region: added (sign 1) or taken back (sign −1). */
  sink(regionCode: string, sign: 1 | -1): IncrementSink {
    this.#rolled = undefined
    // Nested maps: no key strings are built for the tens of thousands of increments of a batch.
    let metrics = this.#own.get(regionCode)
    if (metrics === undefined) this.#own.set(regionCode, (metrics = new Map()))
    const byMetric = metrics
    return (metric, day, amount) => {
      let days = byMetric.get(metric)
      if (days === undefined) byMetric.set(metric, (days = new Map()))
      days.set(day, (days.get(day) ?? 0) + sign * amount)
    }
  }

  /** Every non-zero change, at its region and each region above it: what a commit tells of them. */
  deltas(): CounterDeltas {
    return this.#rolledUp()
  }

  /** Appends the changes, in the caller's transaction; `foldCounterChanges` moves them into the tables. */
  async write(db: Kysely<Database>): Promise<void> {
    const json = this.json()
    if (json !== undefined) await insertCounterChanges(json).execute(db)
  }

  /** The counter_changes rows as a JSON array, for `insertCounterChanges`; undefined when nothing changed. */
  json(): string | undefined {
    const rows = [...this.#rolledUp()].map(([region_code, changes]) => ({ region_code, changes }))
    return rows.length === 0 ? undefined : JSON.stringify(rows)
  }

  /** Every non-zero change at its region and at each region above it, as region → {metric: {day: change}}. */
  #rolledUp(): Map<string, Record<string, Record<string, number>>> {
    if (this.#rolled !== undefined) return this.#rolled
    // forEach, not for…of with destructuring: a batch's thousands of sums allocate no iterator entries.
    const sums = new Map<string, RegionChanges>()
    this.#own.forEach((metrics, regionCode) => {
      for (const code of this.#chainOf(regionCode)) {
        let level = sums.get(code)
        if (level === undefined) sums.set(code, (level = new Map()))
        const into = level
        metrics.forEach((days, metric) => {
          let daySums = into.get(metric)
          if (daySums === undefined) into.set(metric, (daySums = new Map()))
          const byDay = daySums
          days.forEach((value, day) => byDay.set(day, (byDay.get(day) ?? 0) + value))
        })
      }
    })
    const rolled = new Map<string, Record<string, Record<string, number>>>()
    sums.forEach((level, code) => {
      const changes: Record<string, Record<string, number>> = {}
      let changed = false
      level.forEach((days, metric) => {
        days.forEach((value, day) => {
          if (value === 0) return
          ;(changes[metric] ??= {})[day] = value
          changed = true
        })
      })
      if (changed) rolled.set(code, changes)
    })
    this.#rolled = rolled
    return rolled
  }

  #chainOf(regionCode: string): string[] {
    let chain = this.#chains.get(regionCode)
    if (chain === undefined) {
      chain = [regionCode, ...this.regions.ancestors(regionCode).map((region) => region.code)]
      this.#chains.set(regionCode, chain)
    }
    return chain
  }
}

/** Appends counter_changes rows (`CounterChanges.json()`) for which `when` holds. */
export function insertCounterChanges(json: string | RawBuilder<unknown>, when: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  return sql`
    insert into counter_changes (region_code, changes)
    select region_code, changes from ${jsonTextRows(json, { region_code: 'text', changes: 'jsonb' })} where ${when}`
}

const FOLD_LOCK = 7_240_002 // one folder at a time across instances

/**
 * Moves every appended change into the day and month tables in one statement: the
 * changes leave counter_changes in the same instant they arrive in the tables, so a
 * read never counts one twice or misses it. Everything appended before the call is
 * folded when it returns. Returns how many changes were folded.
 */
export async function foldCounterChanges(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${FOLD_LOCK})`.execute(trx)
    // A stable order keeps the updates from deadlocking with anything else that takes these rows.
    const { rows } = await sql<{ folded: number }>`
      with moved_rows as (delete from counter_changes returning region_code, changes),
      moved as (${unfoldedChanges(sql`moved_rows`)}),
      daily as (
        insert into metric_counts_daily (region_code, metric, day, value)
        select region_code, metric, day, sum(value) from moved group by region_code, metric, day having sum(value) <> 0
        order by region_code, metric, day
        on conflict (region_code, metric, day) do update set value = metric_counts_daily.value + excluded.value
      ),
      monthly as (
        insert into metric_counts_monthly (region_code, metric, month, value)
        select region_code, metric, day - (extract(day from day)::int - 1), sum(value) from moved group by 1, 2, 3 having sum(value) <> 0
        order by 1, 2, 3
        on conflict (region_code, metric, month) do update set value = metric_counts_monthly.value + excluded.value
      )
      select count(*)::int as folded from moved`.execute(trx)
    return rows[0]?.folded ?? 0
  })
}
