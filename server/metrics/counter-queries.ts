// Reads of the additive counters. Every region level has its own rows, so a
// region's sum never needs its children's rows. Each read adds the changes not yet
// folded (counter_changes) in the same statement, so it sees one consistent state.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { unfoldedChanges } from '../db/counter-changes'
import type { Database } from '../db/schema'
import { splitIntoBuckets } from './counter-buckets'
import type { DateRange } from '../../shared/period'

/** The changes ingest appended and the folder has not moved yet, as counter rows. */
const unfolded = (db: Kysely<Database>) => db.selectFrom(sql<{ region_code: string; metric: string; day: string; value: number }>`(${unfoldedChanges(sql`counter_changes`)})`.as('unfolded'))

/** region code → counter name → sum; counters with no rows are absent */
export type CounterSums = Map<string, Map<string, number>>

/** Sums per region and counter over the range, all regions in one query. */
export async function sumCounters(db: Kysely<Database>, regionCodes: readonly string[], counters: readonly string[], range: DateRange): Promise<CounterSums> {
  const sums: CounterSums = new Map(regionCodes.map((code) => [code, new Map()]))
  if (regionCodes.length === 0 || counters.length === 0) return sums
  const buckets = splitIntoBuckets(range)
  const { months } = buckets
  const daily = buckets.days.length === 0
    ? null
    : db
        .selectFrom('metric_counts_daily')
        .select(['region_code', 'metric', 'value'])
        .where('region_code', 'in', regionCodes)
        .where('metric', 'in', counters)
        .where((eb) => eb.or(buckets.days.map((days) => eb.between('day', days.from, days.to))))
  const monthly = months === null
    ? null
    : db
        .selectFrom('metric_counts_monthly')
        .select(['region_code', 'metric', 'value'])
        .where('region_code', 'in', regionCodes)
        .where('metric', 'in', counters)
        .where('month', '>=', months.from)
        .where('month', '<=', months.to)
  const changes = unfolded(db)
    .select(['region_code', 'metric', 'value'])
    .where('region_code', 'in', regionCodes)
    .where('metric', 'in', counters)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
  const rows = [monthly, daily].reduce((all, part) => (part === null ? all : all.unionAll(part)), changes)
  return addUp(db, rows, sums)
}

/** A counter's sum in one bucket (a local day, a month, or all time) of one region. */
export interface BucketSum {
  region_code: string
  metric: string
  /** the day, the first day of the month, or 'all' */
  bucket: string
  value: number
}

/** Bucket sums and the commit generation they hold: every commit up to it, none after. */
export interface BucketSums {
  generation: number
  rows: BucketSum[]
}

/** Sums per region, counter and local day, for every region and day asked, in one statement. */
export async function sumsByDay(db: Kysely<Database>, regionCodes: readonly string[], counters: readonly string[], days: readonly string[]): Promise<BucketSums> {
  const folded = db.selectFrom('metric_counts_daily').select(['region_code', 'metric', 'day as bucket', 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters).where('day', 'in', days)
  const changes = unfolded(db).select(['region_code', 'metric', 'day as bucket', 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters).where('day', 'in', days)
  return bucketSums(db, folded.unionAll(changes))
}

/** Sums per region, counter and month (given by its first day), for every region and month asked, in one statement. */
export async function sumsByMonth(db: Kysely<Database>, regionCodes: readonly string[], counters: readonly string[], months: readonly string[]): Promise<BucketSums> {
  const folded = db.selectFrom('metric_counts_monthly').select(['region_code', 'metric', 'month as bucket', 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters).where('month', 'in', months)
  const monthOf = sql<string>`(day - (extract(day from day)::int - 1))`
  const changes = unfolded(db).select(['region_code', 'metric', monthOf.as('bucket'), 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters).where(monthOf, 'in', months)
  return bucketSums(db, folded.unionAll(changes))
}

/** Sums per region and counter over all time (bucket 'all'), in one statement. */
export async function sumsOfAllTime(db: Kysely<Database>, regionCodes: readonly string[], counters: readonly string[]): Promise<BucketSums> {
  const all = sql<string>`'all'`
  const folded = db.selectFrom('metric_counts_monthly').select(['region_code', 'metric', all.as('bucket'), 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters)
  const changes = unfolded(db).select(['region_code', 'metric', all.as('bucket'), 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters)
  return bucketSums(db, folded.unionAll(changes))
}

// The generation is read in the same statement as the sums: one snapshot holds both.
async function bucketSums(db: Kysely<Database>, rows: SelectQueryBuilder<Database, never, BucketSum>): Promise<BucketSums> {
  const sums = db.selectFrom(rows.as('buckets')).select(['region_code', 'metric', 'bucket', sql<number>`sum(value)::bigint`.as('value')]).groupBy(['region_code', 'metric', 'bucket'])
  const result = await db
    .selectFrom('commit_generation')
    .leftJoin(sums.as('sums'), (join) => join.onTrue())
    .select(['commit_generation.value as generation', 'sums.region_code', 'sums.metric', 'sums.bucket', 'sums.value'])
    .execute()
  const rowsRead: BucketSum[] = []
  for (const row of result) if (row.region_code !== null) rowsRead.push(row as BucketSum)
  return { generation: Number(result[0]?.generation ?? 0), rows: rowsRead }
}

/** Every counter of one campaign, whatever day it fell on: the campaign id already bounds them. */
export async function sumAllTime(db: Kysely<Database>, regionCodes: readonly string[], counters: readonly string[]): Promise<CounterSums> {
  const sums: CounterSums = new Map(regionCodes.map((code) => [code, new Map()]))
  if (regionCodes.length === 0 || counters.length === 0) return sums
  const rows = db
    .selectFrom('metric_counts_monthly')
    .select(['region_code', 'metric', 'value'])
    .where('region_code', 'in', regionCodes)
    .where('metric', 'in', counters)
    .unionAll(unfolded(db).select(['region_code', 'metric', 'value']).where('region_code', 'in', regionCodes).where('metric', 'in', counters))
  return addUp(db, rows, sums)
}

type CounterRows = SelectQueryBuilder<Database, never, { region_code: string; metric: string; value: number }>

/** Sums the rows per region and counter into `sums`. */
async function addUp(db: Kysely<Database>, rows: CounterRows, sums: CounterSums): Promise<CounterSums> {
  const result = await db
    .selectFrom(rows.as('buckets'))
    .select(['region_code', 'metric', sql<number>`sum(value)::bigint`.as('value')])
    .groupBy(['region_code', 'metric'])
    .execute()
  for (const row of result) sums.get(row.region_code)?.set(row.metric, row.value)
  return sums
}

/** day → counter name → value for one region; days without rows are absent */
export type DailyCounters = Map<string, Map<string, number>>

export async function dailyCounters(db: Kysely<Database>, regionCode: string, counters: readonly string[], range: DateRange): Promise<DailyCounters> {
  const series: DailyCounters = new Map()
  if (counters.length === 0) return series
  const rows = await db
    .selectFrom('metric_counts_daily')
    .select(['day', 'metric', 'value'])
    .where('region_code', '=', regionCode)
    .where('metric', 'in', counters)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .unionAll(unfolded(db).select(['day', 'metric', 'value']).where('region_code', '=', regionCode).where('metric', 'in', counters).where('day', '>=', range.from).where('day', '<=', range.to))
    .execute()
  for (const row of rows) {
    const day = series.get(row.day) ?? new Map<string, number>()
    day.set(row.metric, (day.get(row.metric) ?? 0) + row.value)
    series.set(row.day, day)
  }
  return series
}
