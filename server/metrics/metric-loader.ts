// The reads behind summaries, breakdowns and campaign progress, gathered: whatever is
// asked in one turn of the event loop goes out together (DataLoader), one statement per
// period for counters, one for overdue items, one per campaign for targets. A live tick
// over hundreds of views then costs a handful of statements; an HTTP request what it did.
import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type { Region } from '../../shared/api'
import type { TickerItem } from '../../shared/ticker'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { newestAtRegions } from '../ticker/ticker-queries'
import { type CampaignRow, type CampaignTargets, listCampaigns, targetsOf } from './campaigns-repository'
import { type CounterSums, sumAllTime, sumCounters } from './counter-queries'
import { type OverdueCounts, countOverdueOpen } from './overdue-queries'
import type { DateRange } from './period'

interface SumsRequest {
  codes: readonly string[]
  counters: readonly string[]
  /** null: all time (a campaign's own counters) */
  range: DateRange | null
}

type Subject = Pick<Region, 'code' | 'level'>

export interface ReadSources {
  db: Kysely<Database>
  regions: RegionTree
  /** the command centre's zone: local days, and the offset times are shown with */
  timeZone: string
}

export class MetricLoader {
  readonly db: Kysely<Database>
  readonly #sums: DataLoader<SumsRequest, CounterSums>
  readonly #overdue: DataLoader<Subject, OverdueCounts, string>
  readonly #targets: DataLoader<{ campaignId: string; code: string }, CampaignTargets | undefined, string>
  readonly #newest: DataLoader<string, TickerItem[]>
  #campaigns: Promise<CampaignRow[]> | undefined

  constructor(
    { db, regions, timeZone }: ReadSources,
    /** the instant every state of now (overdue items) is read at */
    readonly now: Date,
  ) {
    this.db = db
    this.#newest = new DataLoader(async (codes) => {
      const newest = await newestAtRegions(db, regions, codes, timeZone)
      return codes.map((code) => newest.get(code) ?? [])
    })
    this.#sums = new DataLoader((requests) => sumsTogether(db, requests), { cache: false })
    this.#overdue = new DataLoader(
      async (subjects) => {
        const counts = await countOverdueOpen(db, subjects, now)
        return subjects.map((subject) => counts.get(subject.code) ?? { total: 0 })
      },
      { cacheKeyFn: (subject) => subject.code },
    )
    this.#targets = new DataLoader(
      async (keys) => {
        const byCampaign = groupBy(keys, (key) => key.campaignId)
        const found = new Map<string, Map<string, CampaignTargets>>()
        await Promise.all([...byCampaign].map(async ([campaignId, group]) => found.set(campaignId, await targetsOf(db, campaignId, group.map((key) => key.code)))))
        return keys.map((key) => found.get(key.campaignId)?.get(key.code))
      },
      { cacheKeyFn: (key) => `${key.campaignId}\u0000${key.code}` },
    )
  }

  /** Counter sums per region over the range, or over all time. */
  sums(codes: readonly string[], counters: readonly string[], range: DateRange | null): Promise<CounterSums> {
    return this.#sums.load({ codes, counters, range })
  }

  /** Overdue open items under each subject, by subject code. */
  async overdue(subjects: readonly Subject[]): Promise<Map<string, OverdueCounts>> {
    const counts = (await this.#overdue.loadMany(subjects)).map(throwIfError)
    return new Map(subjects.map((subject, index) => [subject.code, counts[index] ?? { total: 0 }]))
  }

  /** A campaign's targets per region; regions without one are absent. */
  async campaignTargets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>> {
    const targets = await this.#targets.loadMany(codes.map((code) => ({ campaignId, code })))
    const found = new Map<string, CampaignTargets>()
    codes.forEach((code, index) => {
      const target = throwIfError(targets[index])
      if (target !== undefined) found.set(code, target)
    })
    return found
  }

  /** The newest ticker items at each region itself, by code. */
  async newestAt(codes: readonly string[]): Promise<TickerItem[][]> {
    return (await this.#newest.loadMany(codes)).map(throwIfError)
  }

  /** Every campaign, read once per loader. */
  campaigns(): Promise<CampaignRow[]> {
    this.#campaigns ??= listCampaigns(this.db)
    return this.#campaigns
  }

  async campaign(id: string): Promise<CampaignRow | undefined> {
    return (await this.campaigns()).find((campaign) => campaign.id === id)
  }
}

/** One statement per range for all regions and counters asked of it; each request gets the regions it asked for. */
async function sumsTogether(db: Kysely<Database>, requests: readonly SumsRequest[]): Promise<CounterSums[]> {
  const byRange = groupBy(requests, (request) => (request.range === null ? 'all' : `${request.range.from}..${request.range.to}`))
  const answers = new Map<SumsRequest, CounterSums>()
  await Promise.all(
    [...byRange.values()].map(async (group) => {
      const codes = [...new Set(group.flatMap((request) => request.codes))]
      const counters = [...new Set(group.flatMap((request) => request.counters))]
      const range = group[0]?.range ?? null
      const sums = range === null ? await sumAllTime(db, codes, counters) : await sumCounters(db, codes, counters, range)
      for (const request of group) answers.set(request, pick(sums, request, counters.length))
    }),
  )
  return requests.map((request) => answers.get(request) ?? new Map())
}

/** The request's regions, and only its counters where others were read with them. */
function pick(sums: CounterSums, request: SumsRequest, countersRead: number): CounterSums {
  const own = new Set(request.counters)
  const whole = own.size === countersRead
  return new Map(
    request.codes.map((code) => {
      const counters = sums.get(code) ?? new Map<string, number>()
      return [code, whole ? counters : new Map([...counters].filter(([name]) => own.has(name)))]
    }),
  )
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}

function throwIfError<T>(value: T | Error): T {
  if (value instanceof Error) throw value
  return value
}
