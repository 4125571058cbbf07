// What live views read, kept between ticks in front of the database, so that a tick
// reads only what it cannot know otherwise. Counter sums are kept per region in buckets
// (a local day, a month, all time for a campaign's counters), each with the commit
// generation it holds. A commit made here brings its changes: they are added to the
// buckets that do not hold it yet, and to a bucket read meanwhile once it arrives, so
// the counters of a busy province are not read again at every tick. A commit of another
// instance says only where it touched: that is let go and read again. Overdue items
// (which also move with time), campaign targets and tickers are let go as commits touch
// them. Nothing here is the truth: the live plugin clears it at each new day and when
// the database comes back.
import type { TickerItem } from '../../shared/ticker'
import type { CampaignRow, CampaignTargets } from '../metrics/campaigns-repository'
import { type BucketSums, type CounterSums, sumsByDay, sumsByMonth, sumsOfAllTime } from '../metrics/counter-queries'
import { splitIntoBuckets } from '../metrics/counter-buckets'
import type { CounterDeltas, CounterTouch } from '../metrics/counter-touch'
import { KeptObjects } from '../metrics/kept-objects'
import { SUMMARY_COUNTERS } from '../metrics/metric-reads'
import type { MetricSource, Subject, SumsRequest } from '../metrics/metric-source'
import type { OverdueCounts } from '../clocks/overdue-queries'
import { withWritten } from '../ticker/ticker-queries'
import type { DateRange } from '../../shared/period'
import { daysOf } from '../metrics/period'
import { addCalendarDays } from '../time/zoned-time'

/** Counters kept in day and month buckets: all a summary or breakdown reads. */
const KEPT = SUMMARY_COUNTERS
/** Commits made here whose changes are kept for reads that were on their way meanwhile. */
const LOGGED_COMMITS = 64

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
    return this.part.kind === 'all' || (this.part.kind === 'day' ? day === this.part.bucket : monthOf(day) === this.part.bucket)
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

/**
 * Values by key, each with a generation that rises whenever it is let go, so that a
 * read begun before another instance's commit touched it is not kept.
 */
class Entries<V> {
  readonly #values = new Map<string, V>()
  readonly #generations = new Map<string, number>()

  get(key: string): V | undefined {
    return this.#values.get(key)
  }

  generation(key: string): number {
    return this.#generations.get(key) ?? 0
  }

  keep(key: string, value: V, generation: number): void {
    if (this.generation(key) === generation) this.#values.set(key, value)
  }

  /** A value known better than any read on its way: that read is not kept. */
  replace(key: string, value: V): void {
    this.#generations.set(key, this.generation(key) + 1)
    this.#values.set(key, value)
  }

  forget(key: string): void {
    this.#generations.set(key, this.generation(key) + 1)
    this.#values.delete(key)
  }

  forgetWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.#values.keys()]) if (matches(key)) this.forget(key)
  }

  clear(): void {
    for (const key of this.#values.keys()) this.#generations.set(key, this.generation(key) + 1)
    this.#values.clear()
  }

  /** The keys' values: those missing read together, and kept unless something let them go on the way; `absent` where the read found none. */
  async through(keys: readonly string[], read: (missing: string[]) => Promise<Map<string, V>>, absent: V): Promise<Map<string, V>> {
    const missing = keys.filter((key) => this.get(key) === undefined)
    const generations = missing.map((key) => this.generation(key))
    const found = missing.length === 0 ? new Map<string, V>() : await read(missing)
    missing.forEach((key, index) => this.keep(key, found.get(key) ?? absent, generations[index] as number))
    return new Map(keys.map((key) => [key, found.get(key) ?? this.get(key) ?? absent]))
  }
}

/** Entries of buckets, found by region too: a commit's changes go to its regions' buckets. */
class BucketStore extends Entries<Bucket> {
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

const KEPT_INDEX = new Map(KEPT.map((name, index) => [name, index]))
const dayKey = (code: string, day: string) => `${code}|d|${day}`
const monthKey = (code: string, month: string) => `${code}|m|${month}`
const allTimeKey = (code: string, counters: readonly string[]) => `${code}|a|${counters.join(',')}`
const monthOf = (day: string) => `${day.slice(0, 7)}-01`

interface Wanted {
  key: string
  code: string
  /** the bucket's day, month or 'all' */
  bucket: string
  kind: 'day' | 'month' | 'all'
  counters: readonly string[]
}

/** Where buckets are read: the database, or a test's script. */
export interface BucketReader {
  byDay(codes: readonly string[], counters: readonly string[], days: readonly string[]): Promise<BucketSums>
  byMonth(codes: readonly string[], counters: readonly string[], months: readonly string[]): Promise<BucketSums>
  allTime(codes: readonly string[], counters: readonly string[]): Promise<BucketSums>
}

const databaseBuckets = (db: MetricSource['db']): BucketReader => ({
  byDay: (codes, counters, days) => sumsByDay(db, codes, counters, days),
  byMonth: (codes, counters, months) => sumsByMonth(db, codes, counters, months),
  allTime: (codes, counters) => sumsOfAllTime(db, codes, counters),
})

export class LiveCache implements MetricSource {
  readonly #buckets = new BucketStore()
  readonly #composed = new Map<string, Composed>()
  readonly #overdue = new Entries<OverdueCounts>()
  readonly #targets = new Entries<CampaignTargets | null>()
  readonly #newest = new Entries<TickerItem[]>()
  readonly #log: { generation: number; changes: CounterDeltas }[] = []
  #campaigns: Promise<CampaignRow[]> | undefined
  readonly #reader: BucketReader
  readonly kept = new KeptObjects()

  constructor(
    private readonly database: MetricSource,
    reader?: BucketReader,
  ) {
    this.#reader = reader ?? databaseBuckets(database.db)
  }

  get db() {
    return this.database.db
  }

  get regions() {
    return this.database.regions
  }

  get timeZone() {
    return this.database.timeZone
  }

  /** A commit: its changes added where they are known, the rest let go. */
  committed(touch: CounterTouch): void {
    if (touch.changes !== undefined && touch.generation !== null) this.#add(touch.generation, touch.changes)
    else this.#forgetCounters(touch)
    for (const code of touch.overdue) this.#overdue.forget(code)
    for (const code of touch.ticker) {
      const kept = this.#newest.get(code)
      const written = touch.tickerItems?.get(code)
      const merged = kept === undefined || written === undefined ? undefined : withWritten(kept, written)
      if (merged === undefined) this.#newest.forget(code)
      else this.#newest.replace(code, merged)
    }
    if (touch.campaignDefinitions) {
      this.#targets.clear()
      this.#campaigns = undefined
    }
  }

  clear(): void {
    for (const entries of [this.#buckets, this.#overdue, this.#targets, this.#newest]) entries.clear()
    this.#composed.clear()
    this.kept.clear()
    this.#log.length = 0
    this.#campaigns = undefined
  }

  async sums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const kept = requests.filter((request) => request.range === null || request.counters.every((name) => KEPT_INDEX.has(name)))
    const others = requests.filter((request) => !kept.includes(request))
    const [fromBuckets, fromDatabase] = await Promise.all([this.#bucketSums(kept), this.database.sums(others)])
    const answers = new Map<SumsRequest, CounterSums>()
    kept.forEach((request, index) => answers.set(request, fromBuckets[index] as CounterSums))
    others.forEach((request, index) => answers.set(request, fromDatabase[index] as CounterSums))
    return requests.map((request) => answers.get(request) as CounterSums)
  }

  overdue(subjects: readonly Subject[], now: Date): Promise<Map<string, OverdueCounts>> {
    const byCode = new Map(subjects.map((subject) => [subject.code, subject]))
    return this.#overdue.through(
      subjects.map((subject) => subject.code),
      (missing) => this.database.overdue(missing.map((code) => byCode.get(code) as Subject), now),
      { total: 0 },
    )
  }

  async targets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>> {
    const prefix = `${campaignId}|`
    const kept = await this.#targets.through(
      codes.map((code) => prefix + code),
      async (missing) => {
        const read = await this.database.targets(campaignId, missing.map((key) => key.slice(prefix.length)))
        return new Map([...read].map(([code, targets]) => [prefix + code, targets]))
      },
      null,
    )
    const found = new Map<string, CampaignTargets>()
    for (const code of codes) {
      const targets = kept.get(prefix + code)
      if (targets !== undefined && targets !== null) found.set(code, targets)
    }
    return found
  }

  newestAt(codes: readonly string[]): Promise<Map<string, TickerItem[]>> {
    return this.#newest.through(codes, (missing) => this.database.newestAt(missing), [])
  }

  campaigns(): Promise<CampaignRow[]> {
    if (this.#campaigns === undefined) {
      const read = this.database.campaigns()
      this.#campaigns = read
      read.catch(() => {
        if (this.#campaigns === read) this.#campaigns = undefined
      })
    }
    return this.#campaigns
  }

  /** The commit's changes, added to every bucket kept that does not hold it yet. */
  #add(generation: number, changes: CounterDeltas): void {
    this.#log.push({ generation, changes })
    if (this.#log.length > LOGGED_COMMITS) this.#log.shift()
    for (const code of changes.keys()) for (const bucket of this.#buckets.ofRegion(code)) this.#apply(bucket, generation, changes)
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

  /** Another instance's commit: only where it touched is known. */
  #forgetCounters(touch: CounterTouch): void {
    for (const [code, days] of touch.days) {
      for (const day of days) {
        this.#buckets.forget(dayKey(code, day))
        this.#buckets.forget(monthKey(code, monthOf(day)))
      }
    }
    for (const code of touch.campaigns) this.#buckets.forgetWhere((key) => key.startsWith(`${code}|a|`))
  }

  /** Range sums from day and month buckets (all-time sums from one bucket), reading the missing buckets of all requests together. */
  async #bucketSums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const wanted = new Map<string, Wanted>()
    const partsOf = new Map<SumsRequest, Map<string, string[]>>()
    for (const request of requests) {
      const perCode = new Map<string, string[]>()
      for (const code of request.codes) {
        const parts = bucketsWanted(code, request)
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

  #composedOf(key: string, parts: Bucket[]): Map<string, number> {
    const kept = this.#composed.get(key)
    if (kept !== undefined && kept.parts.length === parts.length && kept.parts.every((part, index) => part === parts[index] && part.version === kept.versions[index])) return kept.sums
    const composed = { parts, versions: parts.map((part) => part.version), sums: toSums(parts) }
    this.#composed.set(key, composed)
    return composed.sums
  }

  /**
   * The missing buckets, in a few statements (regions asked of the same days together).
   * A bucket read while commits made here went by gets their changes from the log; one
   * that another instance's commit touched meanwhile is used once and not kept.
   */
  async #readBuckets(missing: readonly Wanted[]): Promise<Map<string, Bucket>> {
    const read = new Map<string, Bucket>()
    const generations = new Map(missing.map((part) => [part.key, this.#buckets.generation(part.key)]))
    const groups = new Map<string, { kind: Wanted['kind']; counters: readonly string[]; codes: Set<string>; buckets: Set<string> }>()
    for (const part of missing) {
      // One statement per kind and counter list, over the regions and buckets wanted: a tick asks today of many regions.
      const groupKey = `${part.kind}|${part.counters === KEPT ? '' : part.counters.join(',')}`
      let group = groups.get(groupKey)
      if (group === undefined) groups.set(groupKey, (group = { kind: part.kind, counters: part.counters, codes: new Set(), buckets: new Set() }))
      group.codes.add(part.code)
      group.buckets.add(part.bucket)
    }
    const answers = await Promise.all(
      [...groups.values()].map(async (group): Promise<[typeof group, BucketSums]> => {
        const codes = [...group.codes]
        const buckets = [...group.buckets]
        const answer = group.kind === 'day' ? this.#reader.byDay(codes, group.counters, buckets) : group.kind === 'month' ? this.#reader.byMonth(codes, group.counters, buckets) : this.#reader.allTime(codes, group.counters)
        return [group, await answer]
      }),
    )
    const byGroup = new Map(answers)
    for (const part of missing) {
      const group = groups.get(`${part.kind}|${part.counters === KEPT ? '' : part.counters.join(',')}`)
      const answer = group === undefined ? undefined : byGroup.get(group)
      if (answer === undefined) continue
      read.set(part.key, new Bucket(part, part.counters === KEPT ? KEPT_INDEX : new Map(part.counters.map((name, index) => [name, index])), answer.generation))
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

const bucketsOfRange = new Map<string, { days: string[]; months: string[] }>()

/** The days and months a range is summed from (see counter-buckets); worked out once per range. */
function bucketsOf(range: DateRange): { days: string[]; months: string[] } {
  const key = `${range.from}..${range.to}`
  let buckets = bucketsOfRange.get(key)
  if (buckets === undefined) {
    const { days, months } = splitIntoBuckets(range)
    const monthList: string[] = []
    if (months !== null) for (let month = months.from; month <= months.to; month = monthOf(addCalendarDays(month, 31))) monthList.push(month)
    buckets = { days: days.flatMap(daysOf), months: monthList }
    if (bucketsOfRange.size > 10_000) bucketsOfRange.clear()
    bucketsOfRange.set(key, buckets)
  }
  return buckets
}

function bucketsWanted(code: string, request: SumsRequest): Wanted[] {
  if (request.range === null) return [{ key: allTimeKey(code, request.counters), code, bucket: 'all', kind: 'all', counters: request.counters }]
  const { days, months } = bucketsOf(request.range)
  return [
    ...days.map((day): Wanted => ({ key: dayKey(code, day), code, bucket: day, kind: 'day', counters: KEPT })),
    ...months.map((month): Wanted => ({ key: monthKey(code, month), code, bucket: month, kind: 'month', counters: KEPT })),
  ]
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
