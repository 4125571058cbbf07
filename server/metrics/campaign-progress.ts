// Campaign progress against target and schedule (docs/domain.md: "40% of target when 60% of
// the time has passed is lagging"). Pure: days are local days decided by the caller.
import { LAGGING_MARGIN_POINTS, type CampaignRegionProgress } from '../../shared/metrics'
import type { RegionTree } from '../regions/region-tree'
import type { CampaignRow, CampaignTargets } from './campaigns-repository'
import { daysBetween } from '../../shared/period'

/** Whether a campaign's progress is shown at `regionCode`: inside the campaign's region, or anywhere when that region is not on the map (it has no subtree to keep to). */
export function campaignCovers(regions: RegionTree, campaign: Pick<CampaignRow, 'regionCode'>, regionCode: string): boolean {
  return !regions.has(campaign.regionCode) || regions.contains(campaign.regionCode, regionCode)
}

export type CampaignStatus = 'upcoming' | 'running' | 'finished'

export interface Schedule {
  elapsedDays: number
  totalDays: number
  percent: number
}

export interface CampaignActuals {
  inspections: number
  cases: number
  finesYuan: number
}

const TARGET_KINDS = ['inspections', 'cases'] as const
type TargetKind = (typeof TARGET_KINDS)[number]

export function campaignStatus(campaign: { startsOn: string; endsOn: string }, today: string): CampaignStatus {
  if (today < campaign.startsOn) return 'upcoming'
  if (today > campaign.endsOn) return 'finished'
  return 'running'
}

/** Days elapsed count today as a whole day: on the last day the schedule is 100%. */
export function campaignSchedule(campaign: { startsOn: string; endsOn: string }, today: string): Schedule {
  const totalDays = daysBetween(campaign.startsOn, campaign.endsOn) + 1
  const elapsedDays = Math.min(totalDays, Math.max(0, daysBetween(campaign.startsOn, today) + 1))
  return { elapsedDays, totalDays, percent: (elapsedDays / totalDays) * 100 }
}

/** actual ÷ target in %; null without a (positive) target, so nothing is judged against it */
export function progressPercent(actual: number, target: number | null): number | null {
  return target === null || target <= 0 ? null : (actual / target) * 100
}

/** The target kind furthest behind: it alone decides whether a region lags. */
export function leastProgress(targets: CampaignTargets, actuals: CampaignActuals): { kind: TargetKind; percent: number; actual: number; target: number } | null {
  let least: { kind: TargetKind; percent: number; actual: number; target: number } | null = null
  for (const kind of TARGET_KINDS) {
    const target = targets[kind]
    const percent = progressPercent(actuals[kind], target)
    if (percent === null || target === null) continue
    if (least === null || percent < least.percent) least = { kind, percent, actual: actuals[kind], target }
  }
  return least
}

/**
 * Lagging: some kind with a target is more than LAGGING_MARGIN_POINTS percentage points
 * behind the schedule. The margin keeps the first days of a campaign (a few % of time
 * gone, nothing reported yet) from painting every region red; 40% at 60% of the time
 * is 20 points behind and lags.
 */
export function isLagging(progress: readonly (number | null)[], schedulePercent: number): boolean {
  return progress.some((percent) => percent !== null && percent < schedulePercent - LAGGING_MARGIN_POINTS)
}

export function regionProgress(region: { code: string; name: string }, targets: CampaignTargets | undefined, actuals: CampaignActuals, schedule: Schedule): CampaignRegionProgress {
  const given = targets ?? { inspections: null, cases: null }
  const inspections = progressPercent(actuals.inspections, given.inspections)
  const cases = progressPercent(actuals.cases, given.cases)
  return {
    code: region.code,
    name: region.name,
    targets: { inspections: given.inspections, cases: given.cases },
    actuals,
    progress: { inspections, cases, overall: leastProgress(given, actuals)?.percent ?? null },
    lagging: isLagging([inspections, cases], schedule.percent),
  }
}

/** Best overall progress first; regions with no target last, in code order. */
export function rankByProgress(rows: readonly CampaignRegionProgress[]): CampaignRegionProgress[] {
  return [...rows].sort((a, b) => {
    const x = a.progress.overall
    const y = b.progress.overall
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1
    return y - x || a.code.localeCompare(b.code)
  })
}
