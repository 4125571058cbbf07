// Campaign list and progress by region: targets from campaign_targets, actuals from
// the campaign's own counters (campaign.<id>.*), schedule from today's local day.
import type { Kysely } from 'kysely'
import type { Region } from '../../shared/api'
import { type Campaign, type CampaignProgress, LAGGING_MARGIN_POINTS } from '../../shared/metrics'
import type { Database } from '../db/schema'
import { type CampaignActuals, campaignSchedule, campaignStatus, rankByProgress, regionProgress } from './campaign-progress'
import { type CampaignRow, type CampaignTargets, listCampaigns, targetsOf } from './campaigns-repository'
import { COUNTER } from './counter-keys'
import { sumAllTime } from './counter-queries'

export function toCampaign(row: CampaignRow, today: string): Campaign {
  return { ...row, status: campaignStatus(row, today) }
}

export async function readCampaigns(db: Kysely<Database>, today: string): Promise<Campaign[]> {
  return (await listCampaigns(db)).map((row) => toCampaign(row, today))
}

/** Targets and actuals per region; regions with neither are absent. */
export async function loadCampaignFigures(
  db: Kysely<Database>,
  campaignId: string,
  codes: readonly string[],
): Promise<{ targets: Map<string, CampaignTargets>; actuals: Map<string, CampaignActuals> }> {
  const inspections = COUNTER.campaignInspections(campaignId)
  const cases = COUNTER.campaignCases(campaignId)
  const finesFen = COUNTER.campaignFinesFen(campaignId)
  const [targets, sums] = await Promise.all([targetsOf(db, campaignId, codes), sumAllTime(db, codes, [inspections, cases, finesFen])])
  const actuals = new Map<string, CampaignActuals>()
  for (const [code, counters] of sums) {
    actuals.set(code, { inspections: counters.get(inspections) ?? 0, cases: counters.get(cases) ?? 0, finesYuan: (counters.get(finesFen) ?? 0) / 100 })
  }
  return { targets, actuals }
}

export async function readCampaignProgress(db: Kysely<Database>, campaign: CampaignRow, region: Region, children: readonly Region[], today: string): Promise<CampaignProgress> {
  const codes = [region.code, ...children.map((child) => child.code)]
  const { targets, actuals } = await loadCampaignFigures(db, campaign.id, codes)
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
