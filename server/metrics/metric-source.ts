// Where reads of figures come from. The database answers every request as asked;
// live views read through a cache in front of it (cached-source.ts). A MetricLoader gathers the
// requests of one turn before handing them to its source.
import type { Kysely } from 'kysely'
import type { Region } from '../../shared/api'
import type { TickerItem } from '../../shared/ticker'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { newestAtRegions } from '../ticker/ticker-queries'
import { type CampaignRow, type CampaignTargets, listCampaigns, targetsOf } from './campaigns-repository'
import { type CounterSums, type DailyCounters, dailyCounters, sumAllTime, sumCounters } from './counter-queries'
import { type OverdueCounts, countOverdueOpen } from '../clocks/overdue-queries'
import type { DateRange } from '../../shared/period'
import type { TaskFigures } from '../../shared/tasks'
import { readTaskFigures } from '../tasks/task-figures'
import { LoadingDays } from './loading-days'

export interface SumsRequest {
  codes: readonly string[]
  counters: readonly string[]
  /** null: all time (a campaign's own counters) */
  range: DateRange | null
}

export type Subject = Pick<Region, 'code' | 'level'>

export interface MetricSource {
  readonly regions: RegionTree
  /** the command centre's zone: local days, and the offset times are shown with */
  readonly timeZone: string
  /** each request's regions, with at least the counters it asked for */
  sums(requests: readonly SumsRequest[]): Promise<CounterSums[]>
  /** one region's counters per local day of the range */
  daily(code: string, counters: readonly string[], range: DateRange): Promise<DailyCounters>
  overdue(subjects: readonly Subject[], now: Date): Promise<Map<string, OverdueCounts>>
  /** the follow-up tasks of each subject's subtree against their clocks at `now` */
  tasks(codes: readonly string[], now: Date): Promise<Map<string, TaskFigures>>
  /** regions without a target are absent */
  targets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>>
  /** the newest ticker items at each region itself */
  newestAt(codes: readonly string[]): Promise<Map<string, TickerItem[]>>
  campaigns(): Promise<CampaignRow[]>
  /** days still being loaded, whose figures a summary does not yet compare with */
  readonly loadingDays: LoadingDays
}

export class DatabaseSource implements MetricSource {
  constructor(
    readonly db: Kysely<Database>,
    readonly regions: RegionTree,
    readonly timeZone: string,
    readonly loadingDays = new LoadingDays(),
  ) {}

  /** One statement per range for all regions and counters asked of it. */
  async sums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const byRange = groupBy(requests, (request) => (request.range === null ? 'all' : `${request.range.from}..${request.range.to}`))
    const answers = new Map<SumsRequest, CounterSums>()
    await Promise.all(
      [...byRange.values()].map(async (group) => {
        const codes = [...new Set(group.flatMap((request) => request.codes))]
        const counters = [...new Set(group.flatMap((request) => request.counters))]
        const range = group[0]?.range ?? null
        const sums = range === null ? await sumAllTime(this.db, codes, counters) : await sumCounters(this.db, codes, counters, range)
        for (const request of group) answers.set(request, new Map(request.codes.map((code) => [code, sums.get(code) ?? new Map()])))
      }),
    )
    return requests.map((request) => answers.get(request) ?? new Map())
  }

  daily(code: string, counters: readonly string[], range: DateRange): Promise<DailyCounters> {
    return dailyCounters(this.db, code, counters, range)
  }

  overdue(subjects: readonly Subject[], now: Date): Promise<Map<string, OverdueCounts>> {
    return countOverdueOpen(this.db, this.regions, subjects, now)
  }

  tasks(codes: readonly string[], now: Date): Promise<Map<string, TaskFigures>> {
    return readTaskFigures(this.db, this.regions, codes, now, this.timeZone)
  }

  targets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>> {
    return targetsOf(this.db, campaignId, codes)
  }

  newestAt(codes: readonly string[]): Promise<Map<string, TickerItem[]>> {
    return newestAtRegions(this.db, this.regions, codes, this.timeZone)
  }

  campaigns(): Promise<CampaignRow[]> {
    return listCampaigns(this.db)
  }
}

export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [item])
    else group.push(item)
  }
  return groups
}
