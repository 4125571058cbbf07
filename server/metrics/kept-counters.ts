// Counter sums kept per region in buckets (a local day, a month, all time for a
// campaign's counters), each with the commit generation it holds. A commit made here
// brings its changes: they are added to the buckets that do not hold it yet, and to a
// bucket read meanwhile once it arrives, so the counters of a busy province are not read
// again at every tick. A commit of another instance says only where it touched: that
// is let go and read again.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { bucketsOfRange, firstOfMonth } from './counter-buckets'
import { type BucketSums, type CounterSums, sumsByDay, sumsByMonth, sumsOfAllTime } from './counter-queries'
import type { CounterDeltas } from '../events/records-committed'
import { CacheEntries } from './cache-entries'
import type { SumsRequest } from './metric-source'
import type { DateRange } from '../../shared/period'

/** Commits made here whose changes are kept for reads that were on their way meanwhile. */
const LOGGED_COMMITS = 64

interface Wanted {
  key: string
  code: string
  /** the bucket's day, month or 'all' */
  bucket: string
  kind: 'day' | 'month' | 'all'
  counters: readonly string[]
}

/** One region's counters in one day, month or all time, as of a commit generation. */
class Bucket {
  readonly sums: Float64Array
  /** rises with every change added, so sums composed from it know to be worked out again */
  version = 0

  constructor(
    readonly part: Wanted,
    readonly counters: ReadonlyMap<string, number>,
    /** every commit up to this one is in the sums */
    public generation: number,
  ) {
    this.sums = new Float64Array(counters.size)
  }

  /** whether a change on this local day belongs here */
  covers(day: string): boolean {
    return this.part.kind === 'all' || (this.part.kind === 'day' ? day === this.part.bucket : firstOfMonth(day) === this.part.bucket)
  }

  add(metric: string, change: number): void {
    const index = this.counters.get(metric)
    if (index === undefined) return
    this.sums[index] = (this.sums[index] as number) + change
  }
}

/** One region's sums over one range, from its buckets; good while each is the one kept, at the version it had. */
interface Composed {
  parts: Bucket[]
  versions: number[]
  sums: Map<string, number>
}

/** Entries of buckets, found by region too: a commit's changes go to its regions' buckets. */
class BucketStore extends CacheEntries<Bucket> {
  readonly #byRegion = new Map<string, Set<Bucket>>()

  override keep(key: string, bucket: Bucket, generation: number): void {
    const before = this.get(key)
    super.keep(key, bucket, generation)
    if (this.get(key) !== bucket) return
    if (before !== undefined) this.#byRegion.get(before.part.code)?.delete(before)
    let buckets = this.#byRegion.get(bucket.part.code)
    if (buckets === undefined) this.#byRegion.set(bucket.part.code, (buckets = new Set()))
    buckets.add(bucket)
  }

  override forget(key: string): void {
    const bucket = this.get(key)
    if (bucket !== undefined) this.#byRegion.get(bucket.part.code)?.delete(bucket)
    super.forget(key)
  }

  override clear(): void {
    super.clear()
    this.#byRegion.clear()
  }

  ofRegion(code: string): Iterable<Bucket> {
    return this.#byRegion.get(code) ?? []
  }
}

const dayKey = (code: string, day: string) => `${code}|d|${day}`
const monthKey = (code: string, month: string) => `${code}|m|${month}`
const allTimeKey = (code: string, counters: readonly string[]) => `${code}|a|${counters.join(',')}`

/** Where buckets are read: the database, or a test's script. */
export interface BucketReader {
  byDay(codes: readonly string[], counters: readonly string[], days: readonly string[]): Promise<BucketSums>
  byMonth(codes: readonly string[], counters: readonly string[], months: readonly string[]): Promise<BucketSums>
  allTime(codes: readonly string[], counters: readonly string[]): Promise<BucketSums>
}

export const databaseBuckets = (db: Kysely<Database>): BucketReader => ({
  byDay: (codes, counters, days) => sumsByDay(db, codes, counters, days),
  byMonth: (codes, counters, months) => sumsByMonth(db, codes, counters, months),
  allTime: (codes, counters) => sumsOfAllTime(db, codes, counters),
})

export class KeptCounters {
  readonly #buckets = new BucketStore()
  readonly #composed = new Map<string, Composed>()
  readonly #log: { generation: number; changes: CounterDeltas }[] = []
  readonly #index: ReadonlyMap<string, number>

  constructor(
    /** the counters kept in day and month buckets */
    readonly kept: readonly string[],
    private readonly reader: BucketReader,
  ) {
    this.#index = new Map(kept.map((name, index) => [name, index]))
  }

  /** Whether the request's sums come from buckets kept here. */
  covers(request: SumsRequest): boolean {
    return request.range === null || request.counters.every((name) => this.#index.has(name))
  }

  /** A commit made here: its changes, added to every bucket kept that does not hold it yet. */
  add(generation: number, changes: CounterDeltas): void {
    this.#log.push({ generation, changes })
    if (this.#log.length > LOGGED_COMMITS) this.#log.shift()
    for (const code of changes.keys()) for (const bucket of this.#buckets.ofRegion(code)) this.#apply(bucket, generation, changes)
  }

  /** Another instance's commit: only where it touched is known. */
  forget(days: ReadonlyMap<string, ReadonlySet<string>>, campaigns: ReadonlySet<string>): void {
    for (const [code, touched] of days) {
      for (const day of touched) {
        this.#buckets.forget(dayKey(code, day))
        this.#buckets.forget(monthKey(code, firstOfMonth(day)))
      }
    }
    for (const code of campaigns) this.#buckets.forgetWhere((key) => key.startsWith(`${code}|a|`))
  }

  clear(): void {
    this.#buckets.clear()
    this.#composed.clear()
    this.#log.length = 0
  }

  /** Range sums from day and month buckets (all-time sums from one bucket), reading the missing buckets of all requests together. */
  async sums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const wanted = new Map<string, Wanted>()
    const partsOf = new Map<SumsRequest, Map<string, string[]>>()
    for (const request of requests) {
      const perCode = new Map<string, string[]>()
      for (const code of request.codes) {
        const parts = this.#bucketsWanted(code, request)
        for (const part of parts) if (this.#buckets.get(part.key) === undefined) wanted.set(part.key, part)
        perCode.set(code, parts.map((part) => part.key))
      }
      partsOf.set(request, perCode)
    }
    const read = await this.#readBuckets([...wanted.values()])
    const bucketOf = (key: string) => read.get(key) ?? this.#buckets.get(key)
    return requests.map((request) => {
      const sums: CounterSums = new Map()
      const rangeKey = request.range === null ? 'all' : `${request.range.from}..${request.range.to}`
      for (const [code, keys] of partsOf.get(request) ?? []) {
        const parts = keys.map(bucketOf).filter((part): part is Bucket => part !== undefined)
        sums.set(code, this.#composedOf(`${code}|${rangeKey}|${request.range === null ? request.counters.join(',') : ''}`, parts))
      }
      return sums
    })
  }

  /** Adds the commit's changes that belong in the bucket, unless it holds the commit already. */
  #apply(bucket: Bucket, generation: number, changes: CounterDeltas): void {
    if (bucket.generation >= generation) return
    bucket.generation = generation
    const metrics = changes.get(bucket.part.code)
    if (metrics === undefined) return
    let changed = false
    for (const metric in metrics) {
      if (!bucket.counters.has(metric)) continue
      const days = metrics[metric] as Readonly<Record<string, number>>
      for (const day in days) {
        if (!bucket.covers(day)) continue
        bucket.add(metric, days[day] as number)
        changed = true
      }
    }
    if (changed) bucket.version += 1
  }

  #composedOf(key: string, parts: Bucket[]): Map<string, number> {
    const kept = this.#composed.get(key)
    if (kept !== undefined && kept.parts.length === parts.length && kept.parts.every((part, index) => part === parts[index] && part.version === kept.versions[index])) return kept.sums
    const composed = { parts, versions: parts.map((part) => part.version), sums: toSums(parts) }
    this.#composed.set(key, composed)
    return composed.sums
  }

  #bucketsWanted(code: string, request: SumsRequest): Wanted[] {
    if (request.range === null) return [{ key: allTimeKey(code, request.counters), code, bucket: 'all', kind: 'all', counters: request.counters }]
    const { days, months } = bucketsOf(request.range)
    return [
      ...days.map((day): Wanted => ({ key: dayKey(code, day), code, bucket: day, kind: 'day', counters: this.kept })),
      ...months.map((month): Wanted => ({ key: monthKey(code, month), code, bucket: month, kind: 'month', counters: this.kept })),
    ]
  }

  /**
   * The missing buckets, in a few statements (regions asked of the same days together).
   * A bucket read while commits made here went by gets their changes from the log; one
   * that another instance's commit touched meanwhile is used once and not kept.
   */
  async #readBuckets(missing: readonly Wanted[]): Promise<Map<string, Bucket>> {
    const read = new Map<string, Bucket>()
    const generations = new Map(missing.map((part) => [part.key, this.#buckets.generation(part.key)]))
    const groupKeyOf = (part: Wanted) => `${part.kind}|${part.counters === this.kept ? '' : part.counters.join(',')}`
    const groups = new Map<string, { kind: Wanted['kind']; counters: readonly string[]; codes: Set<string>; buckets: Set<string> }>()
    for (const part of missing) {
      // One statement per kind and counter list, over the regions and buckets wanted: a tick asks today of many regions.
      const groupKey = groupKeyOf(part)
      let group = groups.get(groupKey)
      if (group === undefined) groups.set(groupKey, (group = { kind: part.kind, counters: part.counters, codes: new Set(), buckets: new Set() }))
      group.codes.add(part.code)
      group.buckets.add(part.bucket)
    }
    const answers = await Promise.all(
      [...groups.values()].map(async (group): Promise<[typeof group, BucketSums]> => {
        const codes = [...group.codes]
        const buckets = [...group.buckets]
        const answer = group.kind === 'day' ? this.reader.byDay(codes, group.counters, buckets) : group.kind === 'month' ? this.reader.byMonth(codes, group.counters, buckets) : this.reader.allTime(codes, group.counters)
        return [group, await answer]
      }),
    )
    const byGroup = new Map(answers)
    for (const part of missing) {
      const group = groups.get(groupKeyOf(part))
      const answer = group === undefined ? undefined : byGroup.get(group)
      if (answer === undefined) continue
      read.set(part.key, new Bucket(part, part.counters === this.kept ? this.#index : new Map(part.counters.map((name, index) => [name, index])), answer.generation))
    }
    for (const [group, answer] of byGroup) {
      for (const row of answer.rows) {
        const key = group.kind === 'day' ? dayKey(row.region_code, row.bucket) : group.kind === 'month' ? monthKey(row.region_code, row.bucket) : allTimeKey(row.region_code, group.counters)
        read.get(key)?.add(row.metric, row.value)
      }
    }
    for (const [key, bucket] of read) {
      // Commits made here after the read's snapshot: their changes, in order.
      const oldest = this.#log[0]?.generation
      const complete = oldest === undefined || oldest <= bucket.generation + 1
      for (const { generation, changes } of this.#log) this.#apply(bucket, generation, changes)
      if (complete) this.#buckets.keep(key, bucket, generations.get(key) ?? -1)
    }
    return read
  }
}

const rangeBuckets = new Map<string, { days: string[]; months: string[] }>()

/** The days and months a range is summed from, worked out once per range: a tick asks the same few again and again. */
function bucketsOf(range: DateRange): { days: string[]; months: string[] } {
  const key = `${range.from}..${range.to}`
  let buckets = rangeBuckets.get(key)
  if (buckets === undefined) {
    buckets = bucketsOfRange(range)
    if (rangeBuckets.size > 10_000) rangeBuckets.clear()
    rangeBuckets.set(key, buckets)
  }
  return buckets
}

/** The counters that sum to something over the parts (a counter that does not is 0 to every reader). */
function toSums(parts: readonly Bucket[]): Map<string, number> {
  const first = parts[0]
  if (first === undefined) return new Map()
  const sums = new Float64Array(first.counters.size)
  for (const part of parts) for (let index = 0; index < sums.length; index++) sums[index] = (sums[index] as number) + (part.sums[index] as number)
  const map = new Map<string, number>()
  for (const [name, index] of first.counters) if (sums[index] !== 0) map.set(name, sums[index] as number)
  return map
}
