// Counter changes for a record's region and every region above it: appended by
// ingest in its transaction, folded into the day and month tables in bulk, so that
// any summary reads a handful of rows and a parent always equals the sum of its
// children.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { jsonRows } from '../db/bulk'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import type { CounterIncrement } from './contributions'

export class CounterChanges {
  /** changes at the records' own regions; ancestors are added when written */
  readonly #own = new Map<string, number>()
  readonly #chains = new Map<string, string[]>()
  #rolled: Map<string, number> | undefined

  constructor(private readonly regions: RegionTree) {}

  /** Adds (sign 1) or takes back (sign −1) a record's increments at its region. */
  apply(regionCode: string, increments: readonly CounterIncrement[], sign: 1 | -1): void {
    this.#rolled = undefined
    for (const increment of increments) {
      const key = `${regionCode}|${increment.metric}|${increment.day}`
      this.#own.set(key, (this.#own.get(key) ?? 0) + sign * increment.amount)
    }
  }

  /** Regions whose counters change, ancestors included; the live hub will tell their screens. */
  changedRegions(): Set<string> {
    return new Set([...this.#rolledUp().keys()].map((key) => key.slice(0, 6)))
  }

  /** Appends the changes, in the caller's transaction; `foldCounterChanges` moves them into the tables. */
  async write(db: Kysely<Database>): Promise<void> {
    const byRegion = new Map<string, Record<string, Record<string, number>>>()
    for (const [key, value] of this.#rolledUp()) {
      const [regionCode, metric, day] = key.split('|') as [string, string, string]
      let changes = byRegion.get(regionCode)
      if (changes === undefined) byRegion.set(regionCode, (changes = {}))
      ;(changes[metric] ??= {})[day] = value
    }
    if (byRegion.size === 0) return
    const rows = [...byRegion].map(([region_code, changes]) => ({ region_code, changes }))
    await sql`
      insert into counter_changes (region_code, changes)
      select region_code, changes from ${jsonRows(rows, { region_code: 'text', changes: 'jsonb' })}`.execute(db)
  }

  /** Every non-zero change at its region and at each region above it. */
  #rolledUp(): Map<string, number> {
    if (this.#rolled !== undefined) return this.#rolled
    const all = new Map<string, number>()
    for (const [key, value] of this.#own) {
      const separator = key.indexOf('|')
      const rest = key.slice(separator)
      for (const code of this.#chainOf(key.slice(0, separator))) {
        const levelKey = code + rest
        all.set(levelKey, (all.get(levelKey) ?? 0) + value)
      }
    }
    for (const [key, value] of all) if (value === 0) all.delete(key)
    this.#rolled = all
    return all
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

/** counter_changes rows (or rows of that shape) as (region_code, metric, day, value). */
export function unfoldedChanges(rows: RawBuilder<unknown>): RawBuilder<{ region_code: string; metric: string; day: string; value: number }> {
  return sql`
    select c.region_code, m.key as metric, d.key::date as day, d.value::bigint as value
    from ${rows} as c cross join lateral jsonb_each(c.changes) as m cross join lateral jsonb_each_text(m.value) as d`
}
