// What live views read, kept between ticks in front of the database, so that a tick
// reads only what commits changed since: counter sums by region and local day or month,
// overdue items, campaign sums and targets, tickers. Commits, here and on the other
// instances, say what they touched, and that is let go. A read that a commit overtook
// is answered once and not kept. Nothing here is the truth: the live plugin clears it
// at each new day and when the database comes back.
import type { TickerItem } from '../../shared/ticker'
import type { CampaignRow, CampaignTargets } from '../metrics/campaigns-repository'
import { type BucketSum, type CounterSums, sumsByDay, sumsByMonth } from '../metrics/counter-queries'
import { splitIntoBuckets } from '../metrics/counter-buckets'
import type { CounterTouch } from '../metrics/counter-touch'
import { SUMMARY_COUNTERS } from '../metrics/metric-reads'
import type { MetricSource, Subject, SumsRequest } from '../metrics/metric-source'
import type { OverdueCounts } from '../metrics/overdue-queries'
import { type DateRange, daysOf } from '../metrics/period'
import { addCalendarDays } from '../time/zoned-time'

/** The counters kept per bucket: all a summary or breakdown reads. */
const KEPT = SUMMARY_COUNTERS
const COUNTER_INDEX = new Map(KEPT.map((name, index) => [name, index]))

/** One region's counters in one day or month: sums, and whether any row held each. */
interface Bucket {
  sums: Float64Array
  present: Uint8Array
}

/** One region's sums over one range, from its buckets; good while each is still the one kept. */
interface Composed {
  parts: Bucket[]
  sums: Map<string, number>
}

/**
 * Values by key, each with a generation that rises whenever it is let go, so that
 * a read begun before a commit that touched it is not kept.
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

  /** Keeps a value read when the key was at `generation`, unless it was let go since. */
  keep(key: string, value: V, generation: number): void {
    if (this.generation(key) === generation) this.#values.set(key, value)
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

  get size(): number {
    return this.#values.size
  }
}

const dayKey = (code: string, day: string) => `${code}|d|${day}`
const monthKey = (code: string, month: string) => `${code}|m|${month}`
const monthOf = (day: string) => `${day.slice(0, 7)}-01`

export class LiveCache implements MetricSource {
  readonly #buckets = new Entries<Bucket>()
  readonly #composed = new Map<string, Composed>()
  readonly #allTime = new Entries<Map<string, number>>()
  readonly #overdue = new Entries<OverdueCounts>()
  readonly #targets = new Entries<CampaignTargets | null>()
  readonly #newest = new Entries<TickerItem[]>()
  #campaigns: Promise<CampaignRow[]> | undefined

  constructor(private readonly database: MetricSource) {}

  get db() {
    return this.database.db
  }

  get regions() {
    return this.database.regions
  }

  get timeZone() {
    return this.database.timeZone
  }

  /** Lets go of what the commit changed. */
  forget(touch: CounterTouch): void {
    for (const [code, days] of touch.days) {
      for (const day of days) {
        this.#buckets.forget(dayKey(code, day))
        this.#buckets.forget(monthKey(code, monthOf(day)))
      }
    }
    for (const code of touch.overdue) this.#overdue.forget(code)
    for (const code of touch.campaigns) this.#allTime.forgetWhere((key) => key.startsWith(`${code}|`))
    for (const code of touch.ticker) this.#newest.forget(code)
    if (touch.campaignDefinitions) {
      this.#targets.clear()
      this.#campaigns = undefined
    }
  }

  clear(): void {
    for (const entries of [this.#buckets, this.#allTime, this.#overdue, this.#targets, this.#newest]) entries.clear()
    this.#composed.clear()
    this.#campaigns = undefined
  }

  async sums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const kept = requests.filter((request) => request.range !== null && request.counters.every((name) => COUNTER_INDEX.has(name)))
    const allTime = requests.filter((request) => request.range === null)
    const others = requests.filter((request) => !kept.includes(request) && !allTime.includes(request))
    const [fromBuckets, fromAllTime, fromDatabase] = await Promise.all([this.#bucketSums(kept), this.#allTimeSums(allTime), this.database.sums(others)])
    const answers = new Map<SumsRequest, CounterSums>()
    kept.forEach((request, index) => answers.set(request, fromBuckets[index] as CounterSums))
    allTime.forEach((request, index) => answers.set(request, fromAllTime[index] as CounterSums))
    others.forEach((request, index) => answers.set(request, fromDatabase[index] as CounterSums))
    return requests.map((request) => answers.get(request) as CounterSums)
  }

  async overdue(subjects: readonly Subject[], now: Date): Promise<Map<string, OverdueCounts>> {
    const missing = subjects.filter((subject) => this.#overdue.get(subject.code) === undefined)
    const generations = new Map(missing.map((subject) => [subject.code, this.#overdue.generation(subject.code)]))
    const read = missing.length === 0 ? new Map<string, OverdueCounts>() : await this.database.overdue(missing, now)
    for (const [code, counts] of read) this.#overdue.keep(code, counts, generations.get(code) ?? -1)
    return new Map(subjects.map((subject) => [subject.code, read.get(subject.code) ?? this.#overdue.get(subject.code) ?? { total: 0 }]))
  }

  async targets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>> {
    const key = (code: string) => `${campaignId}|${code}`
    const missing = codes.filter((code) => this.#targets.get(key(code)) === undefined)
    const generations = new Map(missing.map((code) => [code, this.#targets.generation(key(code))]))
    const read = missing.length === 0 ? new Map<string, CampaignTargets>() : await this.database.targets(campaignId, missing)
    for (const code of missing) this.#targets.keep(key(code), read.get(code) ?? null, generations.get(code) ?? -1)
    const found = new Map<string, CampaignTargets>()
    for (const code of codes) {
      const targets = read.get(code) ?? this.#targets.get(key(code))
      if (targets !== undefined && targets !== null) found.set(code, targets)
    }
    return found
  }

  async newestAt(codes: readonly string[]): Promise<Map<string, TickerItem[]>> {
    const missing = codes.filter((code) => this.#newest.get(code) === undefined)
    const generations = new Map(missing.map((code) => [code, this.#newest.generation(code)]))
    const read = missing.length === 0 ? new Map<string, TickerItem[]>() : await this.database.newestAt(missing)
    for (const [code, items] of read) this.#newest.keep(code, items, generations.get(code) ?? -1)
    return new Map(codes.map((code) => [code, read.get(code) ?? this.#newest.get(code) ?? []]))
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

  /** Range sums from day and month buckets, reading the missing buckets of all requests in two statements. */
  async #bucketSums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const wanted = new Map<string, { code: string; keys: string[]; rangeKey: string }>()
    const missingDays = new Map<string, Set<string>>()
    const missingMonths = new Map<string, Set<string>>()
    for (const request of requests) {
      const range = request.range as DateRange
      const { days, months } = bucketsOf(range)
      const rangeKey = `${range.from}..${range.to}`
      for (const code of request.codes) {
        const keys = [...days.map((day) => dayKey(code, day)), ...months.map((month) => monthKey(code, month))]
        wanted.set(`${code}|${rangeKey}`, { code, keys, rangeKey })
        for (const day of days) if (this.#buckets.get(dayKey(code, day)) === undefined) addTo(missingDays, day, code)
        for (const month of months) if (this.#buckets.get(monthKey(code, month)) === undefined) addTo(missingMonths, month, code)
      }
    }
    const read = await this.#readBuckets(missingDays, missingMonths)
    const bucketOf = (key: string) => read.get(key) ?? this.#buckets.get(key) ?? emptyBucket()
    const composedOf = (composedKey: string) => {
      const { keys } = wanted.get(composedKey) as { keys: string[] }
      const parts = keys.map(bucketOf)
      const kept = this.#composed.get(composedKey)
      if (kept !== undefined && kept.parts.length === parts.length && kept.parts.every((part, index) => part === parts[index])) return kept.sums
      const composed = { parts, sums: toSums(parts) }
      this.#composed.set(composedKey, composed)
      return composed.sums
    }
    return requests.map((request) => {
      const range = request.range as DateRange
      return new Map(request.codes.map((code) => [code, composedOf(`${code}|${range.from}..${range.to}`)]))
    })
  }

  /** The missing buckets, each kept unless a commit touched it while it was read. */
  async #readBuckets(missingDays: Map<string, Set<string>>, missingMonths: Map<string, Set<string>>): Promise<Map<string, Bucket>> {
    const read = new Map<string, Bucket>()
    const generations = new Map<string, number>()
    const expect = (groups: Map<string, Set<string>>, keyOf: (code: string, bucket: string) => string) => {
      for (const [bucket, codes] of groups) {
        for (const code of codes) {
          const key = keyOf(code, bucket)
          generations.set(key, this.#buckets.generation(key))
          read.set(key, emptyBucket())
        }
      }
    }
    expect(missingDays, dayKey)
    expect(missingMonths, monthKey)
    const fill = (rows: BucketSum[], keyOf: (code: string, bucket: string) => string) => {
      for (const row of rows) {
        const bucket = read.get(keyOf(row.region_code, row.bucket))
        const index = COUNTER_INDEX.get(row.metric)
        if (bucket === undefined || index === undefined) continue
        bucket.sums[index] = row.value
        bucket.present[index] = 1
      }
    }
    // Regions asked of the same days are read together; a tick typically asks today of many.
    await Promise.all([
      ...[...groupCodes(missingDays)].map(([codes, days]) => sumsByDay(this.db, codes, KEPT, days).then((rows) => fill(rows, dayKey))),
      ...[...groupCodes(missingMonths)].map(([codes, months]) => sumsByMonth(this.db, codes, KEPT, months).then((rows) => fill(rows, monthKey))),
    ])
    for (const [key, bucket] of read) this.#buckets.keep(key, bucket, generations.get(key) ?? -1)
    return read
  }

  async #allTimeSums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const keyOf = (code: string, counters: readonly string[]) => `${code}|${counters.join(',')}`
    const missing = requests.map((request) => ({ ...request, codes: request.codes.filter((code) => this.#allTime.get(keyOf(code, request.counters)) === undefined) })).filter((request) => request.codes.length > 0)
    const generations = new Map(missing.flatMap((request) => request.codes.map((code) => [keyOf(code, request.counters), this.#allTime.generation(keyOf(code, request.counters))] as const)))
    const read = new Map<string, Map<string, number>>()
    const answers = await this.database.sums(missing)
    missing.forEach((request, index) => {
      for (const code of request.codes) {
        const key = keyOf(code, request.counters)
        const sums = answers[index]?.get(code) ?? new Map<string, number>()
        read.set(key, sums)
        this.#allTime.keep(key, sums, generations.get(key) ?? -1)
      }
    })
    return requests.map((request) => new Map(request.codes.map((code) => [code, read.get(keyOf(code, request.counters)) ?? this.#allTime.get(keyOf(code, request.counters)) ?? new Map()])))
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

function emptyBucket(): Bucket {
  return { sums: new Float64Array(KEPT.length), present: new Uint8Array(KEPT.length) }
}

function toSums(parts: readonly Bucket[]): Map<string, number> {
  const sums = new Float64Array(KEPT.length)
  const present = new Uint8Array(KEPT.length)
  for (const part of parts) {
    for (let index = 0; index < KEPT.length; index++) {
      sums[index] = (sums[index] as number) + (part.sums[index] as number)
      present[index] = (present[index] as number) | (part.present[index] as number)
    }
  }
  const map = new Map<string, number>()
  KEPT.forEach((name, index) => {
    if (present[index] === 1) map.set(name, sums[index] as number)
  })
  return map
}

function addTo(groups: Map<string, Set<string>>, bucket: string, code: string): void {
  const codes = groups.get(bucket)
  if (codes === undefined) groups.set(bucket, new Set([code]))
  else codes.add(code)
}

/** Buckets that the same regions miss, together: [codes, buckets]. */
function groupCodes(missing: Map<string, Set<string>>): Map<string[], string[]> {
  const byCodes = new Map<string, { codes: string[]; buckets: string[] }>()
  for (const [bucket, codes] of missing) {
    const list = [...codes].sort()
    const key = list.join(',')
    const group = byCodes.get(key)
    if (group === undefined) byCodes.set(key, { codes: list, buckets: [bucket] })
    else group.buckets.push(bucket)
  }
  return new Map([...byCodes.values()].map(({ codes, buckets }) => [codes, buckets]))
}
