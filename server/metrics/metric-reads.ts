// Summary, breakdown and trend of a region: loads counters and state for a period
// (through a MetricLoader, which gathers what many reads ask at once), then computes
// every value with the pure functions of metric-values.
import type { Region } from '../../shared/api'
import { hasDailySeries, METRICS, type MetricDefinition, type MetricKey, type MetricValue, type RegionBreakdown, type RegionSummary, type RegionTrend } from '../../shared/metrics'
import { CHANNELS, COMPLAINT_CATEGORIES } from '../../shared/records'
import type { Ticker } from '../../shared/ticker'
import { mergeTicker } from '../ticker/ticker-queries'
import { addCalendarDays } from '../time/zoned-time'
import { campaignSchedule, leastProgress } from './campaign-progress'
import { loadCampaignFigures } from './campaign-reads'
import type { CampaignRow } from './campaigns-repository'
import { CLOCK_NAMES } from '../clocks/statutory-clocks'
import { COUNTER } from './counter-keys'
import type { ReadContext } from './metric-loader'
import { type CampaignInputs, type RegionInputs, computeMetric, countersOf, rankByValue } from './metric-values'
import type { OverdueCounts } from '../clocks/overdue-queries'
import type { DateRange } from '../../shared/period'
import type { TaskFigures } from '../../shared/tasks'
import { PeriodError, daysOf, parsePeriod, previousYear, relativeRange } from './period'
import type { PeriodSpec } from '../../shared/period'

export interface ResolvedPeriod {
  range: DateRange
  campaign: CampaignRow | null
}

/**
 * The days `text` names. A period that cannot be read or names no campaign is refused with
 * what `refuse` makes of the reason: HTTP and live each word it their own way.
 */
export async function resolvePeriod(ctx: ReadContext, text: string, refuse: (reason: string) => Error): Promise<ResolvedPeriod> {
  let spec: PeriodSpec
  try {
    spec = parsePeriod(text, ctx.today)
  } catch (error) {
    if (error instanceof PeriodError) throw refuse(error.message)
    throw error
  }
  if (spec.kind === 'relative') return { range: relativeRange(spec.name, ctx.today), campaign: null }
  if (spec.kind === 'range') return { range: spec.range, campaign: null }
  const campaign = await ctx.loader.campaign(spec.campaignId)
  if (campaign === undefined) throw refuse(`names campaign "${spec.campaignId}", which does not exist`)
  return { range: { from: campaign.startsOn, to: campaign.endsOn }, campaign }
}

/** Metrics that are sums over days, so they have a value per day. */

const INTAKE_TYPES = ['complaint', 'report'] as const
const BREAKDOWN_COUNTERS = [...INTAKE_TYPES.map(COUNTER.intakeByType), ...CHANNELS.map(COUNTER.intakeByChannel), ...COMPLAINT_CATEGORIES.map(COUNTER.intakeByCategory)]
/** Every counter a summary or breakdown reads. */
export const SUMMARY_COUNTERS = [...new Set([...METRICS.flatMap(countersOf), ...BREAKDOWN_COUNTERS])]

export async function readSummary(ctx: ReadContext, region: Region, period: ResolvedPeriod): Promise<RegionSummary> {
  const previousPeriod = previousYear(period.range)
  const [current, previous, overdueBySubject, tasks, campaign] = await Promise.all([
    ctx.loader.sums([region.code], SUMMARY_COUNTERS, period.range),
    ctx.loader.sums([region.code], SUMMARY_COUNTERS, previousPeriod),
    ctx.loader.overdue([region]),
    ctx.loader.tasks([region.code]),
    campaignInputs(ctx, period.campaign, [region.code]),
  ])
  const counters = current.get(region.code) ?? new Map<string, number>()
  const previousCounters = previous.get(region.code) ?? new Map<string, number>()
  const overdue: OverdueCounts = overdueBySubject.get(region.code) ?? { total: 0 }
  const inputs = regionInputs(region, counters, { overdueOpen: overdue.total ?? 0, overdueTasks: tasks.get(region.code)?.overdue ?? 0 }, campaign.get(region.code) ?? null)
  // No counter moved a year earlier means no data then (e.g. before go-live), not zeros. Judged
  // by the sums, not by whether rows exist: folding drops changes that cancel out, rows do not.
  // Days still being loaded are not compared with either.
  const previousKnown = !ctx.loader.source.loadingDays.overlaps(previousPeriod) && SUMMARY_COUNTERS.some((name) => (previousCounters.get(name) ?? 0) !== 0)
  const previousInputs = previousKnown ? regionInputs(region, previousCounters, NOT_LOADED, null) : null
  const metrics = METRICS.map((definition) => {
    const previousValue = previousInputs !== null && hasDailySeries(definition) ? computeMetric(definition, previousInputs) : null
    return { key: definition.key, ...computeMetric(definition, inputs), unit: definition.unit, target: definition.target?.value ?? null, previous: previousValue }
  })
  return {
    region,
    period: period.range,
    previousPeriod,
    metrics,
    breakdowns: {
      intakeByType: countsOf(counters, INTAKE_TYPES, COUNTER.intakeByType),
      intakeByChannel: countsOf(counters, CHANNELS, COUNTER.intakeByChannel),
      intakeByCategory: countsOf(counters, COMPLAINT_CATEGORIES, COUNTER.intakeByCategory),
      overdueByClock: Object.fromEntries(CLOCK_NAMES.map((clock) => [clock, overdue[clock] ?? 0])),
    },
  }
}

function countsOf<K extends string>(counters: ReadonlyMap<string, number>, keys: readonly K[], counter: (key: K) => string): Record<K, number> {
  const counts = {} as Record<K, number>
  for (const key of keys) counts[key] = counters.get(counter(key)) ?? 0
  return counts
}

export async function readBreakdown(ctx: ReadContext, region: Region, children: readonly Region[], definition: MetricDefinition, period: ResolvedPeriod): Promise<RegionBreakdown> {
  return breakdownOf(definition, region, children, period, await loadBreakdownInputs(ctx, region, children, [definition], period))
}

/** The breakdown of every metric of the catalogue, from one read: what a live screen switches between. */
export async function readBreakdowns(ctx: ReadContext, region: Region, children: readonly Region[], period: ResolvedPeriod): Promise<Record<MetricKey, RegionBreakdown>> {
  const inputs = await loadBreakdownInputs(ctx, region, children, METRICS, period)
  return Object.fromEntries(METRICS.map((definition) => [definition.key, breakdownOf(definition, region, children, period, inputs)])) as Record<MetricKey, RegionBreakdown>
}

interface BreakdownInputs {
  counters: Map<string, Map<string, number>>
  /** by region code; null where no metric needs them */
  overdue: Map<string, OverdueCounts> | null
  tasks: Map<string, TaskFigures> | null
  campaign: Map<string, CampaignInputs>
}

/** Counters, overdue items and campaign figures of a region and its children, as far as the metrics need them. */
async function loadBreakdownInputs(ctx: ReadContext, region: Region, children: readonly Region[], definitions: readonly MetricDefinition[], period: ResolvedPeriod): Promise<BreakdownInputs> {
  const codes = [region.code, ...children.map((child) => child.code)]
  const [counters, overdue, tasks, campaign] = await Promise.all([
    ctx.loader.sums(codes, countersOfAll(definitions), period.range),
    needsState(definitions, 'overdue_deadlines') ? ctx.loader.overdue([region, ...children]) : null,
    needsState(definitions, 'overdue_tasks') ? ctx.loader.tasks(codes) : null,
    needsKind(definitions, 'campaign') ? campaignInputs(ctx, period.campaign, codes) : new Map<string, CampaignInputs>(),
  ])
  return { counters, overdue, tasks, campaign }
}

const countersOfDefinitions = new Map<readonly MetricDefinition[], string[]>()

/** Every counter the definitions read; the same few lists are asked for again and again. */
function countersOfAll(definitions: readonly MetricDefinition[]): string[] {
  let counters = countersOfDefinitions.get(definitions)
  if (counters === undefined) {
    counters = [...new Set(definitions.flatMap(countersOf))]
    if (countersOfDefinitions.size < 100) countersOfDefinitions.set(definitions, counters)
  }
  return counters
}

function needsKind(definitions: readonly MetricDefinition[], kind: MetricDefinition['computation']['kind']): boolean {
  return definitions.some((definition) => definition.computation.kind === kind)
}

function needsState(definitions: readonly MetricDefinition[], source: StateSource): boolean {
  return definitions.some((definition) => definition.computation.kind === 'state' && definition.computation.source === source)
}

function breakdownOf(definition: MetricDefinition, region: Region, children: readonly Region[], period: ResolvedPeriod, inputs: BreakdownInputs): RegionBreakdown {
  const entries = children.map((child) => ({ code: child.code, name: child.name, ...breakdownValue(definition, child, inputs) }))
  const ranks = new Map(rankByValue(entries, definition.better).map(({ rank, item }) => [item, rank]))
  // In the region tree's order, not by rank: a change of ranks is then a few rank fields in a live delta, not every place after it.
  const ranked = entries.map((entry) => ({ rank: ranks.get(entry) ?? entries.length, ...entry }))
  return {
    region,
    metric: definition.key,
    period: period.range,
    order: definition.better === null ? 'largest_first' : 'best_first',
    total: breakdownValue(definition, region, inputs),
    children: ranked,
  }
}

function breakdownValue(definition: MetricDefinition, subject: Region, { counters, overdue, tasks, campaign }: BreakdownInputs): MetricValue {
  const state = { overdueOpen: overdue?.get(subject.code)?.total ?? null, overdueTasks: tasks?.get(subject.code)?.overdue ?? null }
  return computeMetric(definition, regionInputs(subject, counters.get(subject.code) ?? new Map(), state, campaign.get(subject.code) ?? null))
}

/** The newest ticker items of the region's subtree (`regions`: the region and everything below it). */
export async function readTicker(ctx: ReadContext, subtree: readonly Region[]): Promise<Ticker> {
  return mergeTicker(await ctx.loader.newestAt(subtree.map((region) => region.code)))
}

/** Daily values of the last `days` local days through today; days without counters are zeros (or null rates). */
export async function readTrend(ctx: ReadContext, region: Region, definition: MetricDefinition, days: number): Promise<RegionTrend> {
  const range = { from: addCalendarDays(ctx.today, -(days - 1)), to: ctx.today }
  const series = await ctx.loader.daily(region.code, countersOf(definition), range)
  return {
    region,
    metric: definition.key,
    points: daysOf(range).map((day) => ({ day, ...computeMetric(definition, regionInputs(region, series.get(day) ?? new Map(), NOT_LOADED, null)) })),
  }
}

/** The states of now a metric reads: open items and tasks past their deadlines. */
type StateInputs = Pick<RegionInputs, 'overdueOpen' | 'overdueTasks'>
type StateSource = Extract<MetricDefinition['computation'], { kind: 'state' }>['source']
/** States of another time than now (last year, a trend's days) are not known. */
const NOT_LOADED: StateInputs = { overdueOpen: null, overdueTasks: null }

function regionInputs(region: Region, counters: ReadonlyMap<string, number>, state: StateInputs, campaign: CampaignInputs | null): RegionInputs {
  return { counters, marketEntities: region.marketEntities, population: region.population, ...state, campaign }
}

/** Campaign progress inputs per region, only for a campaign period. */
async function campaignInputs(ctx: ReadContext, campaign: CampaignRow | null, codes: readonly string[]): Promise<Map<string, CampaignInputs>> {
  if (campaign === null) return new Map()
  const { targets, actuals } = await loadCampaignFigures(ctx.loader, campaign.id, codes)
  const schedule = campaignSchedule(campaign, ctx.today)
  return new Map(codes.map((code) => {
    const regionActuals = actuals.get(code) ?? { inspections: 0, cases: 0, finesYuan: 0 }
    return [code, { least: leastProgress(targets.get(code) ?? { inspections: null, cases: null }, regionActuals), schedule }]
  }))
}
