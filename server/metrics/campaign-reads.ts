// Campaign list and progress by region: targets from campaign_targets, actuals from
// the campaign's own counters (campaign.<id>.*), schedule from today's local day.
import type { Region } from '../../shared/api'
import { type Campaign, type CampaignProgress, LAGGING_MARGIN_POINTS } from '../../shared/metrics'
import { type CampaignActuals, campaignSchedule, campaignStatus, rankByProgress, regionProgress } from './campaign-progress'
import type { CampaignRow, CampaignTargets } from './campaigns-repository'
import { COUNTER } from './counter-keys'
import type { MetricLoader } from './metric-loader'
import type { ReadContext } from './metric-loader'

export function toCampaign(row: CampaignRow, today: string): Campaign {
  return { ...row, status: campaignStatus(row, today) }
}

export async function readCampaigns(loader: MetricLoader, today: string): Promise<Campaign[]> {
  return (await loader.campaigns()).map((row) => toCampaign(row, today))
}

/** Targets and actuals per region; regions with neither are absent. */
export async function loadCampaignFigures(
  loader: MetricLoader,
  campaignId: string,
  codes: readonly string[],
): Promise<{ targets: Map<string, CampaignTargets>; actuals: Map<string, CampaignActuals> }> {
  const inspections = COUNTER.campaignInspections(campaignId)
  const cases = COUNTER.campaignCases(campaignId)
  const finesFen = COUNTER.campaignFinesFen(campaignId)
  const [targets, sums] = await Promise.all([loader.campaignTargets(campaignId, codes), loader.sums(codes, [inspections, cases, finesFen], null)])
  const actuals = new Map<string, CampaignActuals>()
  for (const [code, counters] of sums) {
    actuals.set(code, { inspections: counters.get(inspections) ?? 0, cases: counters.get(cases) ?? 0, finesYuan: (counters.get(finesFen) ?? 0) / 100 })
  }
  return { targets, actuals }
}

export async function readCampaignProgress({ loader, today }: ReadContext, campaign: CampaignRow, region: Region, children: readonly Region[]): Promise<CampaignProgress> {
  const codes = [region.code, ...children.map((child) => child.code)]
  const { targets, actuals } = await loadCampaignFigures(loader, campaign.id, codes)
  const schedule = campaignSchedule(campaign, today)
  const progressOf = (subject: Region) =>
    regionProgress(subject, targets.get(subject.code), actuals.get(subject.code) ?? { inspections: 0, cases: 0, finesYuan: 0 }, schedule)
  return {
    campaign: toCampaign(campaign, today),
    region,
    schedule,
    laggingMarginPoints: LAGGING_MARGIN_POINTS,
    totals: progressOf(region),
    children: rankByProgress(children.map(progressOf)),
  }
}
