// The cached source's bookkeeping of commit generations, against a scripted bucket reader:
// a commit made here is added once to what is kept, also to a read that was on its way
// meanwhile; another instance's commit is let go and read again. (The property test
// holds the whole live path against the HTTP endpoints on real databases.)
import { describe, expect, it } from 'vitest'
import { CachedSource } from '../../../server/metrics/cached-source'
import type { BucketReader } from '../../../server/metrics/kept-counters'
import type { BucketSums } from '../../../server/metrics/counter-queries'
import type { RecordsCommitted } from '../../../server/events/records-committed'
import type { CounterTouch } from '../../../server/metrics/counter-touch'
import { SUMMARY_COUNTERS } from '../../../server/metrics/metric-reads'
import type { MetricSource } from '../../../server/metrics/metric-source'

const DAY = '2026-12-01'
const TODAY = { from: DAY, to: DAY }
const COUNTER = 'intake.received'

/** Answers day reads from a script: a stored value and generation, or a reply held until released. */
class ScriptedBuckets implements BucketReader {
  reads = 0
  value = 0
  generation = 0
  #held: ((answer: BucketSums) => void)[] = []
  hold = false

  byDay(codes: readonly string[], _counters: readonly string[], days: readonly string[]): Promise<BucketSums> {
    this.reads += 1
    const answer = { generation: this.generation, rows: codes.flatMap((code) => days.map((day) => ({ region_code: code, metric: COUNTER, bucket: day, value: this.value }))) }
    if (!this.hold) return Promise.resolve(answer)
    return new Promise((resolve) => this.#held.push(() => resolve(answer)))
  }

  byMonth(): Promise<BucketSums> {
    throw new Error('no month is read for a single day')
  }

  allTime(): Promise<BucketSums> {
    throw new Error('no all-time sums in these tests')
  }

  release(): void {
    for (const resolve of this.#held.splice(0)) resolve({ generation: 0, rows: [] })
  }
}

function cacheWith(reader: ScriptedBuckets): CachedSource {
  const unused = () => {
    throw new Error('not used here')
  }
  const database = { regions: undefined, timeZone: 'Asia/Shanghai', sums: async () => [], daily: unused, overdue: unused, targets: unused, newestAt: unused, campaigns: unused } as unknown as MetricSource
  return new CachedSource(database, reader)
}

const read = async (cache: CachedSource) => (await cache.sums([{ codes: ['510104'], counters: SUMMARY_COUNTERS, range: TODAY }]))[0]?.get('510104')?.get(COUNTER)
const localCommit = (generation: number, change: number): RecordsCommitted => ({ generation, records: [], changes: new Map([['510104', { [COUNTER]: { [DAY]: change } }]]) })
const remoteCommit = (): CounterTouch => ({ days: new Map([['510104', new Set([DAY])]]), overdue: new Set(), campaigns: new Set(), ticker: new Set(), campaignDefinitions: false, tasks: new Set(), alerts: new Set() })

describe('CachedSource', () => {
  it('adds a commit made here to what it keeps, once, without reading again', async () => {
    const reader = Object.assign(new ScriptedBuckets(), { value: 10, generation: 5 })
    const cache = cacheWith(reader)
    expect(await read(cache)).toBe(10)
    cache.recordsCommitted(localCommit(6, 2))
    cache.recordsCommitted(localCommit(5, 100)) // held already by the read
    expect(await read(cache)).toBe(12)
    expect(reader.reads).toBe(1)
  })

  it('adds a commit announced while a read was on its way, unless the read holds it already', async () => {
    for (const [snapshotGeneration, expected] of [
      [6, 13],
      [7, 10],
    ] as const) {
      const reader = Object.assign(new ScriptedBuckets(), { value: 10, generation: snapshotGeneration, hold: true })
      const cache = cacheWith(reader)
      const pending = read(cache)
      await new Promise((resolve) => setTimeout(resolve, 0))
      cache.recordsCommitted(localCommit(7, 3))
      reader.hold = false
      reader.release()
      // The held answer resolves with the script's state at the call: value 10 at snapshotGeneration.
      expect(await pending).toBe(expected)
      expect(await read(cache)).toBe(expected)
      expect(reader.reads).toBe(1)
    }
  })

  it("reads again what another instance's commit touched, and does not keep a read it overtook", async () => {
    const reader = Object.assign(new ScriptedBuckets(), { value: 10, generation: 5 })
    const cache = cacheWith(reader)
    await read(cache)
    cache.committedElsewhere(remoteCommit())
    Object.assign(reader, { value: 11, generation: 6, hold: true })
    const pending = read(cache)
    await new Promise((resolve) => setTimeout(resolve, 0))
    cache.committedElsewhere(remoteCommit())
    reader.hold = false
    reader.release()
    expect(await pending).toBe(11)
    Object.assign(reader, { value: 12, generation: 7 })
    expect(await read(cache)).toBe(12)
    expect(reader.reads).toBe(3)
  })

  it('does not keep a read older than the commits it still knows of', async () => {
    const reader = Object.assign(new ScriptedBuckets(), { value: 10, generation: 1 })
    const cache = cacheWith(reader)
    for (let generation = 100; generation < 200; generation++) cache.recordsCommitted(localCommit(generation, 1))
    expect(await read(cache)).toBe(10 + 64) // the 64 commits it remembers; the rest it cannot vouch for
    expect(await read(cache)).toBe(74)
    expect(reader.reads).toBe(2)
  })
})
