// What the rules watch in a set of regions, read at one instant: counters, overdue items
// and campaign figures through the metrics engine (one MetricLoader, so every region's
// reads go out together), and the few open records the record rules are about.
import { type Kysely, sql } from 'kysely'
import type { Region } from '../../shared/api'
import type { AlertRule, AlertRuleSettings } from '../../shared/alerts'
import { daysBetween } from '../../shared/period'
import type { ClockName } from '../clocks/statutory-clocks'
import type { Database } from '../db/schema'
import { campaignSchedule, campaignStatus, campaignCovers, leastProgress } from '../metrics/campaign-progress'
import { loadCampaignFigures } from '../metrics/campaign-reads'
import { COUNTER } from '../metrics/counter-keys'
import type { ReadContext } from '../metrics/metric-loader'
import type { RegionTree } from '../regions/region-tree'
import { addCalendarDays, endOfLocalDay, localDateOf } from '../time/zoned-time'
import {
  type Condition,
  FOOD_FAILURE_DAYS,
  HAZARD_FIX_DAYS,
  type CategoryFailures,
  campaignLagging,
  complaintSpike,
  foodCategoryFailures,
  foodFailures,
  hazardUnfixed,
  majorCase,
  overdueBacklog,
} from './alert-rules'
import { COMPLAINTS, type SpikeBaselines } from './spike-baselines'

const DAY_MS = 86_400_000
/** The statutory clocks of complaints and reports (a case's decision clock is not intake). */
const INTAKE_CLOCKS: readonly ClockName[] = ['complaint_acceptance', 'complaint_closure', 'report_check']

/**
 * Every rule's conditions in `regions` (the ones the rules watch there: the counter rules
 * at counties, where the units that act sit; food categories clustering at cities; the
 * record rules at each record's region;
 * campaign_lagging at the most detailed regions a campaign set a target for). Conditions below the fire level are
 * included: the state machine clears with them.
 */
export async function readConditions(
  db: Kysely<Database>,
  ctx: ReadContext,
  baselines: SpikeBaselines,
  tree: RegionTree,
  regions: readonly Region[],
  settings: Record<AlertRule, AlertRuleSettings>,
  timeZone: string,
): Promise<Condition[]> {
  const counties = regions.filter((region) => tree.children(region.code).length === 0)
  const byRule = await Promise.all([
    overdueConditions(ctx, counties, settings.overdue_backlog),
    spikeConditions(ctx, baselines, counties, settings.complaint_spike),
    laggingConditions(ctx, tree, regions),
    foodConditions(ctx, counties, settings.food_failures),
    foodCategoryConditions(db, tree, regions, ctx.today, timeZone, settings.food_failures),
    majorCaseConditions(db, tree, regions, ctx.loader.now, timeZone),
    hazardConditions(db, tree, regions, ctx.loader.now),
  ])
  return byRule.flat()
}


async function overdueConditions(ctx: ReadContext, counties: readonly Region[], settings: AlertRuleSettings): Promise<Condition[]> {
  if (counties.length === 0) return []
  const overdue = await ctx.loader.overdue(counties)
  return counties.map((county) => {
    const clocks = overdue.get(county.code) ?? {}
    return overdueBacklog(county, INTAKE_CLOCKS.reduce((sum, clock) => sum + (clocks[clock] ?? 0), 0), settings)
  })
}

async function spikeConditions(ctx: ReadContext, baselines: SpikeBaselines, counties: readonly Region[], settings: AlertRuleSettings): Promise<Condition[]> {
  if (counties.length === 0) return []
  const codes = counties.map((county) => county.code)
  const [today, baseline] = await Promise.all([ctx.loader.sums(codes, [COMPLAINTS], { from: ctx.today, to: ctx.today }), baselines.of(ctx, codes)])
  return counties.map((county) => complaintSpike(county, today.get(county.code)?.get(COMPLAINTS) ?? 0, baseline.get(county.code) ?? [], settings))
}

async function laggingConditions(ctx: ReadContext, tree: RegionTree, regions: readonly Region[]): Promise<Condition[]> {
  const running = (await ctx.loader.campaigns()).filter((campaign) => campaignStatus(campaign, ctx.today) === 'running')
  const conditions = await Promise.all(
    running.map(async (campaign) => {
      const covered = regions.filter((region) => campaignCovers(tree, campaign, region.code))
      if (covered.length === 0) return []
      const children = covered.flatMap((region) => tree.children(region.code).map((child) => child.code))
      const [{ targets, actuals }, childTargets] = await Promise.all([
        loadCampaignFigures(ctx.loader, campaign.id, covered.map((region) => region.code)),
        ctx.loader.campaignTargets(campaign.id, children),
      ])
      const schedule = campaignSchedule(campaign, ctx.today)
      // A region whose children carry targets is their sum: its children alert, and group into it.
      const detailed = covered.filter((region) => !tree.children(region.code).some((child) => childTargets.has(child.code)))
      return detailed.flatMap((region) => {
        const target = targets.get(region.code)
        const least = target === undefined ? null : leastProgress(target, actuals.get(region.code) ?? { inspections: 0, cases: 0, finesYuan: 0 })
        return least === null ? [] : [campaignLagging(region, { campaignId: campaign.id, campaignName: campaign.name, campaignNameEn: campaign.nameEn ?? campaign.name, progress: least.percent, schedule: schedule.percent })]
      })
    }),
  )
  return conditions.flat()
}

async function foodConditions(ctx: ReadContext, counties: readonly Region[], settings: AlertRuleSettings): Promise<Condition[]> {
  if (counties.length === 0) return []
  const sums = await ctx.loader.sums(
    counties.map((county) => county.code),
    [COUNTER.foodBatchesFailed, COUNTER.foodBatches],
    { from: addCalendarDays(ctx.today, -(FOOD_FAILURE_DAYS - 1)), to: ctx.today },
  )
  return counties.map((county) => {
    const counters = sums.get(county.code)
    return foodFailures(county, counters?.get(COUNTER.foodBatchesFailed) ?? 0, counters?.get(COUNTER.foodBatches) ?? 0, settings)
  })
}

/**
 * Each food category with failed batches in the last FOOD_FAILURE_DAYS local days (the days
 * the county counters sum) across each city's counties, with all its batches sampled there
 * (counties where it only passed count in the batches, not among the counties involved):
 * one statement for all the cities, by the records_food_sampling index. A category with no
 * failure there has no condition, so its alert clears as not seen.
 */
async function foodCategoryConditions(
  db: Kysely<Database>,
  tree: RegionTree,
  regions: readonly Region[],
  today: string,
  timeZone: string,
  settings: AlertRuleSettings,
): Promise<Condition[]> {
  const cities = regions.filter((region) => region.level === 'city')
  const counties = cities.flatMap((city) => tree.children(city.code).map((county) => county.code))
  if (counties.length === 0) return []
  const after = endOfLocalDay(addCalendarDays(today, -FOOD_FAILURE_DAYS), timeZone)
  const until = endOfLocalDay(today, timeZone)
  const { rows } = await sql<{ region_code: string; category: string; failed: number; batches: number }>`
    select region_code, content->>'category' as category,
      sum((content->>'failed')::int)::int as failed, sum((content->>'batches')::int)::int as batches
    from records
    where type = 'food_sampling' and region_code in (${sql.join(counties)}) and event_at > ${after} and event_at <= ${until}
    group by region_code, content->>'category'`.execute(db)
  const byCity = new Map<string, Map<string, CategoryFailures>>()
  for (const row of rows) {
    const cityCode = tree.require(row.region_code).parentCode as string
    const categories = byCity.get(cityCode) ?? new Map<string, CategoryFailures>()
    byCity.set(cityCode, categories)
    const failed = Number(row.failed)
    const sum = categories.get(row.category) ?? { category: row.category, failed: 0, batches: 0, counties: 0 }
    categories.set(row.category, { category: row.category, failed: sum.failed + failed, batches: sum.batches + Number(row.batches), counties: sum.counties + (failed > 0 ? 1 : 0) })
  }
  return [...byCity].flatMap(([cityCode, categories]) =>
    [...categories.values()].filter((failures) => failures.failed > 0).map((failures) => foodCategoryFailures(tree.require(cityCode), failures, settings)),
  )
}

/** 挂牌督办 cases still open (not decided, closed or transferred), opened by `now`. */
async function majorCaseConditions(db: Kysely<Database>, tree: RegionTree, regions: readonly Region[], now: Date, timeZone: string): Promise<Condition[]> {
  if (regions.length === 0) return []
  const { rows } = await sql<{ id: string; region_code: string; event_at: Date }>`
    select id, region_code, event_at from records
    where type = 'case' and status = 'opened' and content->>'major' = 'true'
      and region_code in (${sql.join(regions.map((region) => region.code))}) and event_at <= ${now}`.execute(db)
  const today = localDateOf(now, timeZone)
  return rows.map((row) => majorCase(tree.require(row.region_code), row.id, daysBetween(localDateOf(new Date(row.event_at), timeZone), today)))
}

/** Serious hazards found more than HAZARD_FIX_DAYS before `now` and not (yet) reported fixed. */
async function hazardConditions(db: Kysely<Database>, tree: RegionTree, regions: readonly Region[], now: Date): Promise<Condition[]> {
  if (regions.length === 0) return []
  const deadlineBefore = new Date(now.getTime() - HAZARD_FIX_DAYS * DAY_MS)
  const { rows } = await sql<{ id: string; region_code: string; event_at: Date }>`
    select id, region_code, event_at from records
    where type = 'inspection' and content->>'seriousHazard' = 'true' and content->>'hazardFixedAt' is null
      and region_code in (${sql.join(regions.map((region) => region.code))}) and event_at < ${deadlineBefore}`.execute(db)
  return rows.map((row) => hazardUnfixed(tree.require(row.region_code), row.id, Math.floor((deadlineBefore.getTime() - new Date(row.event_at).getTime()) / DAY_MS)))
}
