// The read API against the catalogue oracle (test/support/catalogue-oracle.ts): figures
// counted straight from the records sent, by the catalogue's definitions, compared with
// what summaries, breakdowns and trends serve. Deadlines are swept up to the instant the
// oracle is pinned to, so that every limit ended by then is due in both.
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { METRICS, type MetricDefinition, type MetricKey, type MetricValue, type RegionBreakdown, type RegionSummary, type RegionTrend } from '../../../shared/metrics'
import type { IngestRecord } from '../../../shared/records'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import type { LateSteps } from '../../support/catalogue-clocks'
import { CatalogueOracle, STATE_METRICS } from '../../support/catalogue-oracle'
import { type LocalRange, aYearEarlier, daysIn, plusDays } from '../../support/local-days'
import { Differences, type RegionsUnderTest, getJson } from './read-api-helpers'

export interface OracleQuestions {
  timeZone: string
  lateSteps: LateSteps
  /** period text → the local days it means, given the oracle's today */
  periods: (today: string) => [string, LocalRange][]
  summaryRegions: readonly string[]
  breakdownRegions: readonly string[]
  breakdownMetrics: readonly MetricDefinition[]
  trendMetrics: readonly MetricDefinition[]
  trendDays: number
}

export async function expectReadApiToMatchCatalogueOracle(app: FastifyInstance, regions: RegionsUnderTest, sent: readonly IngestRecord[], questions: OracleQuestions): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const now = new Date()
    await sweepDeadlines(app.database.db, app.regions, questions.timeZone, now)
    const oracle = new CatalogueOracle(sent, questions.timeZone, now, questions.lateSteps)
    const differences = await oracleDifferences(app, oracle, regions, questions)
    // A limit ends, or a day ends, only at a local midnight: if one passed during the reads, read again.
    if (oracle.stillCurrentAt(new Date()) || attempt === 3) {
      expect(differences, 'figures the read API serves that differ from the catalogue read straight from the records').toEqual([])
      return
    }
  }
}

async function oracleDifferences(app: FastifyInstance, oracle: CatalogueOracle, regions: RegionsUnderTest, questions: OracleQuestions): Promise<string[]> {
  const differences = new Differences('catalogue')
  const checks: Promise<void>[] = []
  for (const [period, range] of questions.periods(oracle.today)) {
    for (const code of questions.summaryRegions) checks.push(checkSummary(app, oracle, regions, differences, code, period, range))
    for (const code of questions.breakdownRegions) for (const definition of questions.breakdownMetrics) checks.push(checkBreakdown(app, oracle, regions, differences, code, definition.key, period, range))
  }
  for (const code of questions.summaryRegions) for (const definition of questions.trendMetrics) checks.push(checkTrend(app, oracle, regions, differences, code, definition.key, questions.trendDays))
  await Promise.all(checks)
  return differences.sorted()
}

/** Whether a figure counts anything (a reference figure counts nothing): a year-earlier figure without anything counted may be absent. */
const countsSomething = (definition: MetricDefinition, figures: MetricValue) => (figures.numerator ?? 0) !== 0 || (definition.computation.kind === 'ratio' && (figures.denominator ?? 0) !== 0)

async function checkSummary(app: FastifyInstance, oracle: CatalogueOracle, regions: RegionsUnderTest, differences: Differences, code: string, period: string, range: LocalRange): Promise<void> {
  const summary = await getJson<RegionSummary>(app, `/api/v1/regions/${code}/summary?period=${encodeURIComponent(period)}`)
  const where = `summary ${code} ${period}`
  const reference = regions.reference(code)
  const previousRange = { from: aYearEarlier(range.from), to: aYearEarlier(range.to) }
  for (const definition of METRICS) {
    const metric = summary.metrics.find((candidate) => candidate.key === definition.key)
    differences.metric(`${where} ${definition.key}`, metric ?? null, oracle.figures(definition.key, code, range, reference))
    if (metric === undefined || STATE_METRICS.includes(definition.key) || definition.computation.kind === 'campaign') continue
    const previous = oracle.figures(definition.key, code, previousRange, reference)
    if (metric.previous !== null) differences.metric(`${where} ${definition.key} previous`, metric.previous, previous)
    else if (countsSomething(definition, previous)) differences.add(`${where} ${definition.key} previous: API none, catalogue ${JSON.stringify(previous)}`)
  }
  const intake = oracle.intake(code, range)
  differences.same(`${where} intakeByType`, nonZero(summary.breakdowns.intakeByType), intake.byType)
  differences.same(`${where} intakeByChannel`, nonZero(summary.breakdowns.intakeByChannel), intake.byChannel)
  differences.same(`${where} intakeByCategory`, nonZero(summary.breakdowns.intakeByCategory), intake.byCategory)
  differences.same(`${where} overdueByClock`, summary.breakdowns.overdueByClock, oracle.overdueByClock(code))
}

/** Counts as the oracle keeps them: only what occurred, in key order. */
function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count !== 0))
}

async function checkBreakdown(app: FastifyInstance, oracle: CatalogueOracle, regions: RegionsUnderTest, differences: Differences, code: string, key: MetricKey, period: string, range: LocalRange): Promise<void> {
  const breakdown = await getJson<RegionBreakdown>(app, `/api/v1/regions/${code}/breakdown?metric=${key}&period=${encodeURIComponent(period)}`)
  const where = `breakdown ${code} ${key} ${period}`
  differences.metric(`${where} total`, breakdown.total, oracle.figures(key, code, range, regions.reference(code)))
  for (const child of breakdown.children) differences.metric(`${where} child ${child.code}`, child, oracle.figures(key, child.code, range, regions.reference(child.code)))
}

async function checkTrend(app: FastifyInstance, oracle: CatalogueOracle, regions: RegionsUnderTest, differences: Differences, code: string, key: MetricKey, trendDays: number): Promise<void> {
  const trend = await getJson<RegionTrend>(app, `/api/v1/regions/${code}/trend?metric=${key}&days=${trendDays}`)
  const where = `trend ${code} ${key}`
  differences.same(`${where} days`, trend.points.map((point) => point.day), daysIn({ from: plusDays(oracle.today, -(trendDays - 1)), to: oracle.today }))
  for (const point of trend.points) differences.metric(`${where} ${point.day}`, point, oracle.figures(key, code, { from: point.day, to: point.day }, regions.reference(code)))
}
