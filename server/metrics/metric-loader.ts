// The reads behind summaries, breakdowns, campaign progress and tickers, gathered:
// whatever is asked in one turn of the event loop goes to the source together
// (DataLoader), so a live tick over hundreds of views costs a handful of statements
// and an HTTP request the few it always did.
import DataLoader from 'dataloader'
import type { TickerItem } from '../../shared/ticker'
import type { CampaignRow, CampaignTargets } from './campaigns-repository'
import type { CounterSums, DailyCounters } from './counter-queries'
import { type MetricSource, type Subject, type SumsRequest, groupBy } from './metric-source'
import type { OverdueCounts } from '../clocks/overdue-queries'
import type { DateRange } from '../../shared/period'
import type { TaskFigures } from '../../shared/tasks'
import { noTaskFigures } from '../tasks/task-figures'
import { localDateOf } from '../time/zoned-time'

/** What reads at one instant share: one loader, so that reads made together are gathered. */
export interface ReadContext {
  loader: MetricLoader
  /** the local day of `loader.now` */
  today: string
}

export function readContext(source: MetricSource, now = new Date()): ReadContext {
  return { loader: new MetricLoader(source, now), today: localDateOf(now, source.timeZone) }
}

export class MetricLoader {
  readonly #sums: DataLoader<SumsRequest, CounterSums>
  readonly #overdue: DataLoader<Subject, OverdueCounts, string>
  readonly #targets: DataLoader<{ campaignId: string; code: string }, CampaignTargets | undefined, string>
  readonly #newest: DataLoader<string, TickerItem[]>
  readonly #tasks: DataLoader<string, TaskFigures>
  #campaigns: Promise<CampaignRow[]> | undefined

  constructor(
    readonly source: MetricSource,
    /** the instant every state of now (overdue items) is read at */
    readonly now: Date,
  ) {
    this.#sums = new DataLoader((requests) => source.sums(requests), { cache: false })
    this.#overdue = new DataLoader(
      async (subjects) => {
        const counts = await source.overdue(subjects, now)
        return subjects.map((subject) => counts.get(subject.code) ?? { total: 0 })
      },
      { cacheKeyFn: (subject) => subject.code },
    )
    this.#targets = new DataLoader(
      async (keys) => {
        const found = new Map<string, Map<string, CampaignTargets>>()
        const byCampaign = groupBy(keys, (key) => key.campaignId)
        await Promise.all([...byCampaign].map(async ([campaignId, group]) => found.set(campaignId, await source.targets(campaignId, group.map((key) => key.code)))))
        return keys.map((key) => found.get(key.campaignId)?.get(key.code))
      },
      { cacheKeyFn: (key) => `${key.campaignId}\u0000${key.code}` },
    )
    this.#tasks = new DataLoader(async (codes) => {
      const figures = await source.tasks(codes, now)
      return codes.map((code) => figures.get(code) ?? noTaskFigures())
    })
    this.#newest = new DataLoader(async (codes) => {
      const newest = await source.newestAt(codes)
      return codes.map((code) => newest.get(code) ?? [])
    })
  }

  /** Counter sums per region over the range, or over all time; each region holds at least the counters asked for. */
  sums(codes: readonly string[], counters: readonly string[], range: DateRange | null): Promise<CounterSums> {
    return this.#sums.load({ codes, counters, range })
  }

  /** One region's counters per local day of the range: a trend, read on its own. */
  daily(code: string, counters: readonly string[], range: DateRange): Promise<DailyCounters> {
    return this.source.daily(code, counters, range)
  }

  /** Overdue open items under each subject, by subject code. */
  async overdue(subjects: readonly Subject[]): Promise<Map<string, OverdueCounts>> {
    const counts = (await this.#overdue.loadMany(subjects)).map(throwIfError)
    return new Map(subjects.map((subject, index) => [subject.code, counts[index] ?? { total: 0 }]))
  }

  /** The follow-up tasks of each region's subtree, by code. */
  async tasks(codes: readonly string[]): Promise<Map<string, TaskFigures>> {
    const figures = (await this.#tasks.loadMany(codes)).map(throwIfError)
    return new Map(codes.map((code, index) => [code, figures[index] ?? noTaskFigures()]))
  }

  /** A campaign's targets per region; regions without one are absent. */
  async campaignTargets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>> {
    const targets = (await this.#targets.loadMany(codes.map((code) => ({ campaignId, code })))).map(throwIfError)
    const found = new Map<string, CampaignTargets>()
    codes.forEach((code, index) => {
      const target = targets[index]
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
    this.#campaigns ??= this.source.campaigns()
    return this.#campaigns
  }

  async campaign(id: string): Promise<CampaignRow | undefined> {
    return (await this.campaigns()).find((campaign) => campaign.id === id)
  }
}

function throwIfError<T>(value: T | Error): T {
  if (value instanceof Error) throw value
  return value
}
