// Writes counter changes for a record's region and every region above it, by day
// and by month, so that any summary reads a handful of rows and a parent always
// equals the sum of its children.
import { type Kysely, sql } from 'kysely'
import { jsonRows } from '../db/bulk'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import type { CounterIncrement } from './contributions'

export class CounterChanges {
  readonly #daily = new Map<string, number>()
  readonly #chains = new Map<string, string[]>()

  constructor(private readonly regions: RegionTree) {}

  /** Adds (sign 1) or takes back (sign −1) a record's increments at its region and all above it. */
  apply(regionCode: string, increments: readonly CounterIncrement[], sign: 1 | -1): void {
    const chain = this.#chainOf(regionCode)
    for (const increment of increments) {
      for (const code of chain) {
        const key = `${code}|${increment.metric}|${increment.day}`
        this.#daily.set(key, (this.#daily.get(key) ?? 0) + sign * increment.amount)
      }
    }
  }

  /** Regions whose counters change; the live hub will tell their screens. */
  changedRegions(): Set<string> {
    const regions = new Set<string>()
    for (const [key, amount] of this.#daily) if (amount !== 0) regions.add(key.slice(0, 6))
    return regions
  }

  async write(db: Kysely<Database>): Promise<void> {
    const daily: CounterRow[] = []
    const monthly = new Map<string, number>()
    for (const [key, value] of this.#daily) {
      if (value === 0) continue
      const [region_code, metric, day] = key.split('|') as [string, string, string]
      daily.push({ region_code, metric, bucket: day, value })
      const monthKey = `${region_code}|${metric}|${day.slice(0, 8)}01`
      monthly.set(monthKey, (monthly.get(monthKey) ?? 0) + value)
    }
    const months = [...monthly]
      .filter(([, value]) => value !== 0)
      .map(([key, value]) => {
        const [region_code, metric, bucket] = key.split('|') as [string, string, string]
        return { region_code, metric, bucket, value }
      })
    await addToCounters(db, 'metric_counts_daily', 'day', daily)
    await addToCounters(db, 'metric_counts_monthly', 'month', months)
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

/** A counter change in one bucket: a day, or the first day of a month. */
interface CounterRow {
  region_code: string
  metric: string
  bucket: string
  value: number
}

async function addToCounters(
  db: Kysely<Database>,
  table: 'metric_counts_daily' | 'metric_counts_monthly',
  bucket: 'day' | 'month',
  rows: readonly CounterRow[],
): Promise<void> {
  if (rows.length === 0) return
  // A stable order keeps concurrent writers (other instances) from deadlocking.
  await sql`
    insert into ${sql.table(table)} (region_code, metric, ${sql.ref(bucket)}, value)
    select region_code, metric, bucket, value from ${jsonRows(rows, { region_code: 'text', metric: 'text', bucket: 'date', value: 'bigint' })}
    order by region_code, metric, bucket
    on conflict (region_code, metric, ${sql.ref(bucket)}) do update set value = ${sql.table(table)}.value + excluded.value`.execute(db)
}
