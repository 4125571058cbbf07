// Random record streams go in through POST /api/v1/records (JSON and NDJSON bodies,
// retried batches, repeated and out-of-order lifecycle steps, deadline sweeps and
// counter folds between batches); then every figure the read API serves — summary,
// breakdown and trend, at county, city and province level, for every period form —
// must equal a plain recomputation from the stored records, and the figures the
// catalogue defines, counted by an oracle straight from the records sent. Campaign
// periods (`campaign:<id>`) are not used: campaign figures are checked to be absent and
// tasks_overdue to be 0, as no task is dispatched (test/server/tasks counts them).
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RegionDetail } from '../../../shared/api'
import { type BreakdownEntry, METRICS, type MetricDefinition, type RegionBreakdown, type RegionSummary, type RegionTrend } from '../../../shared/metrics'
import { CHANNELS, COMPLAINT_CATEGORIES, type IngestRecord, type IngestResult } from '../../../shared/records'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { CLOCK_NAMES } from '../../../server/clocks/statutory-clocks'
import { COUNTER } from '../../../server/metrics/counter-keys'
import { foldCounterChanges } from '../../../server/counters/counter-store'
import { ndjson, post } from '../ingest/ingest-test-helpers'
import { expectReadApiToMatchCatalogueOracle } from './catalogue-oracle-check'
import { Differences, RegionsUnderTest, getJson } from './read-api-helpers'
import { recordStreams, withRunTag } from '../../support/record-streams'
import { type LocalRange, aYearEarlier, daysIn, plusDays } from '../../support/local-days'
import { MetricRecomputation, codeLevels, countersRead, expectedMetric, isSumOverDays, readStoredState } from '../../support/recompute-metrics'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'
const COUNTIES = ['510104', '510105', '510302', '510402'] as const
const PROVINCE = '510000'
const CITIES = [...new Set(COUNTIES.map((county) => codeLevels(county)[1]!))]
const COMPARED_REGIONS = [...COUNTIES, ...CITIES, PROVINCE]
// A county has no children yet (stations are not configured); its breakdown still has a total.
const BREAKDOWN_REGIONS = [PROVINCE, ...CITIES, COUNTIES[0]]
const TREND_DAYS = 30

const byKey = (key: string): MetricDefinition => METRICS.find((definition) => definition.key === key)!
const DAILY_METRIC_KEYS = METRICS.filter(isSumOverDays).map((definition) => definition.key)
// At least a ratio (with a subtracted counter), a reference_ratio, a sum in yuan and the overdue state; a random one more per run.
const BREAKDOWN_METRICS = ['food_pass_rate', 'random_inspection_ratio', 'recovered_loss', 'overdue_open'].map(byKey)
const TREND_METRICS = ['complaint_acceptance_on_time', 'food_tests_per_thousand'].map(byKey)
// What a summary reads a year earlier: the metrics' counters and the intake breakdowns.
const INTAKE_COUNTERS = [...(['complaint', 'report'] as const).map(COUNTER.intakeByType), ...CHANNELS.map(COUNTER.intakeByChannel), ...COMPLAINT_CATEGORIES.map(COUNTER.intakeByCategory)]
const SUMMARY_COUNTERS = [...new Set([...METRICS.flatMap(countersRead), ...INTAKE_COUNTERS])]

const batchHandling = fc.record({
  ndjsonBody: fc.boolean(),
  sweepAfter: fc.boolean(),
  // Now and then: the app's own folder also folds in the background, so reads see both states either way.
  foldAfter: fc.nat({ max: 4 }).map((draw) => draw === 0),
})
const daysAgo = fc.oneof(fc.nat({ max: 90 }), fc.nat({ max: 450 }))
const scenario = recordStreams({ counties: COUNTIES, alsoAYearEarlier: true, minRecords: 6 }).chain((batches) =>
  fc.record({
    batches: fc.constant(batches),
    handling: fc.array(batchHandling, { minLength: batches.length, maxLength: batches.length }),
    explicitRange: fc.tuple(daysAgo, daysAgo).map(([a, b]) => ({ fromDaysAgo: Math.max(a, b), toDaysAgo: Math.min(a, b) })),
    extraBreakdownMetric: fc.constantFrom(...DAILY_METRIC_KEYS),
    extraTrendMetric: fc.constantFrom(...DAILY_METRIC_KEYS),
  }),
)
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never

describe.each(testDatabaseKinds())('read API equals a recomputation from stored records, and the catalogue read from the records sent, on %s', (kind) => {
  let testApp: TestApp
  const details = new Map<string, RegionDetail>()
  beforeAll(async () => {
    testApp = await startTestApp(kind)
    for (const code of COMPARED_REGIONS) details.set(code, await getJson<RegionDetail>(testApp.app, `/api/v1/regions/${code}`))
  })
  afterAll(() => testApp.close())

  it('after random streams posted as JSON and NDJSON, with retries, out-of-order steps, sweeps and folds', async () => {
    // The recomputation rolls up by the code itself; that must be the region tree's chain for these counties.
    for (const county of COUNTIES) expect(details.get(county)?.ancestors.map((region) => region.code)).toEqual(codeLevels(county).slice(1).reverse())
    const regions = new RegionsUnderTest(details)

    let execution = 0
    // The oracle counts every record sent so far, as the read API does with every record stored.
    const sent: IngestRecord[] = []
    await fc.assert(
      fc.asyncProperty(scenario, async (run) => {
        // Each execution (shrinking included) works on its own records; the recomputation covers all stored ones.
        const batches = withRunTag(run.batches, ++execution)
        for (const [index, batch] of batches.entries()) {
          const handling = run.handling[index]!
          await postBatch(testApp.app, batch, handling.ndjsonBody)
          if (handling.sweepAfter) await sweepDeadlines(testApp.app.database.db, testApp.app.regions, ZONE, new Date())
          if (handling.foldAfter) await foldCounterChanges(testApp.app.database.db)
        }
        await expectReadApiToMatchRecomputation(testApp.app, regions, run)
        sent.push(...batches.flat())
        await expectReadApiToMatchCatalogueOracle(testApp.app, regions, sent, {
          timeZone: ZONE,
          // KNOWN DEFECT: ingest drops a step that arrives after a later one (catalogue-oracle.test.ts
          // shows it); the streams send such steps. 'kept', the catalogue's reading, once it is fixed.
          lateSteps: 'dropped',
          periods: (today) => comparedPeriods(today, run),
          summaryRegions: COMPARED_REGIONS,
          breakdownRegions: BREAKDOWN_REGIONS,
          breakdownMetrics: [...new Set([...BREAKDOWN_METRICS, byKey(run.extraBreakdownMetric)])],
          trendMetrics: [...new Set([...TREND_METRICS, byKey(run.extraTrendMetric)])],
          trendDays: TREND_DAYS,
        })
      }),
      // Shrinking re-runs whole scenarios: stop it in time to report the smallest failure found so far.
      { numRuns: 8, interruptAfterTimeLimit: 80_000 },
    )
  }, 120_000)
})

/** Posts one batch; valid by construction, so every record is accepted, updated, a duplicate or stale. */
async function postBatch(app: FastifyInstance, records: readonly IngestRecord[], ndjsonBody: boolean): Promise<void> {
  const response = ndjsonBody ? await post(app, ndjson(records), 'application/x-ndjson') : await post(app, JSON.stringify(records))
  expect(response.statusCode, response.body).toBe(200)
  const result = response.json<IngestResult>()
  expect(result.errors).toEqual([])
  expect(result.rejected).toBe(0)
  expect(result.accepted + result.updated + result.duplicates + result.stale).toBe(records.length)
}

async function expectReadApiToMatchRecomputation(app: FastifyInstance, regions: RegionsUnderTest, run: Scenario): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const recomputation = new MetricRecomputation(await readStoredState(app), ZONE)
    const differences = await readApiDifferences(app, recomputation, regions, run)
    // A deadline falls due, or a day ends, only at a local midnight: if one passed during the reads, read again.
    if (recomputation.stillCurrentAt(new Date()) || attempt === 3) {
      expect(differences, 'figures the read API serves that differ from the recomputation').toEqual([])
      return
    }
  }
}

/** Every period form, as text and the local days it means on `today`. */
function comparedPeriods(today: string, run: Scenario): [string, LocalRange][] {
  const { fromDaysAgo, toDaysAgo } = run.explicitRange
  const explicit = { from: plusDays(today, -fromDaysAgo), to: plusDays(today, -toDaysAgo) }
  return [
    ['today', { from: today, to: today }],
    ['7d', { from: plusDays(today, -6), to: today }],
    ['30d', { from: plusDays(today, -29), to: today }],
    ['ytd', { from: `${today.slice(0, 4)}-01-01`, to: today }],
    [`${explicit.from}..${explicit.to}`, explicit],
  ]
}

/** Every compared figure of the API that differs from the recomputation, one line each. */
async function readApiDifferences(app: FastifyInstance, expected: MetricRecomputation, regions: RegionsUnderTest, run: Scenario): Promise<string[]> {
  const differences = new Differences()
  const checks: Promise<void>[] = []
  for (const [period, range] of comparedPeriods(expected.today, run)) {
    for (const code of COMPARED_REGIONS) checks.push(checkSummary(app, expected, regions, differences, code, period, range))
    for (const code of BREAKDOWN_REGIONS) {
      for (const definition of new Set([...BREAKDOWN_METRICS, byKey(run.extraBreakdownMetric)])) checks.push(checkBreakdown(app, expected, regions, differences, code, definition, period, range))
    }
  }
  for (const code of COMPARED_REGIONS) {
    for (const definition of new Set([...TREND_METRICS, byKey(run.extraTrendMetric)])) checks.push(checkTrend(app, expected, regions, differences, code, definition))
  }
  await Promise.all(checks)
  return differences.sorted()
}

async function checkSummary(app: FastifyInstance, expected: MetricRecomputation, regions: RegionsUnderTest, differences: Differences, code: string, period: string, range: LocalRange): Promise<void> {
  const summary = await getJson<RegionSummary>(app, `/api/v1/regions/${code}/summary?period=${encodeURIComponent(period)}`)
  const where = `summary ${code} ${period}`
  const previousRange = { from: aYearEarlier(range.from), to: aYearEarlier(range.to) }
  differences.same(`${where} period`, summary.period, range)
  differences.same(`${where} previousPeriod`, summary.previousPeriod, previousRange)
  differences.same(`${where} metric keys`, summary.metrics.map((metric) => metric.key), METRICS.map((definition) => definition.key))

  const sums = expected.counterSums(code, range)
  const previousSums = expected.counterSums(code, previousRange)
  const reference = regions.reference(code)
  const overdue = expected.overdueOpen(code)
  const previousHasData = SUMMARY_COUNTERS.some((counter) => previousSums(counter) !== 0)
  for (const definition of METRICS) {
    const metric = summary.metrics.find((candidate) => candidate.key === definition.key)
    if (metric === undefined) continue // reported with the keys above
    differences.metric(`${where} ${definition.key}`, metric, expectedMetric(definition, sums, reference, overdue.total))
    if (!isSumOverDays(definition)) {
      differences.same(`${where} ${definition.key} previous`, metric.previous, null)
      continue
    }
    const previous = expectedMetric(definition, previousSums, reference, 0)
    // Without data a year earlier the figure is null. Counter rows whose changes cancelled out
    // (a deadline counted, then the item done on a later day) may remain and read as zeros;
    // stored records cannot tell those apart, so both are right then.
    if (previousHasData || metric.previous !== null) differences.metric(`${where} ${definition.key} previous`, metric.previous, previous)
  }

  const counts = <K extends string>(keys: readonly K[], counter: (key: K) => string) => Object.fromEntries(keys.map((key) => [key, sums(counter(key))]))
  differences.same(`${where} intakeByType`, summary.breakdowns.intakeByType, counts(['complaint', 'report'], COUNTER.intakeByType))
  differences.same(`${where} intakeByChannel`, summary.breakdowns.intakeByChannel, counts(CHANNELS, COUNTER.intakeByChannel))
  differences.same(`${where} intakeByCategory`, summary.breakdowns.intakeByCategory, counts(COMPLAINT_CATEGORIES, COUNTER.intakeByCategory))
  differences.same(`${where} overdueByClock`, summary.breakdowns.overdueByClock, Object.fromEntries(CLOCK_NAMES.map((clock) => [clock, overdue.byClock.get(clock) ?? 0])))
}

async function checkBreakdown(
  app: FastifyInstance,
  expected: MetricRecomputation,
  regions: RegionsUnderTest,
  differences: Differences,
  code: string,
  definition: MetricDefinition,
  period: string,
  range: LocalRange,
): Promise<void> {
  const breakdown = await getJson<RegionBreakdown>(app, `/api/v1/regions/${code}/breakdown?metric=${definition.key}&period=${encodeURIComponent(period)}`)
  const where = `breakdown ${code} ${definition.key} ${period}`
  const valueAt = (regionCode: string) => expectedMetric(definition, expected.counterSums(regionCode, range), regions.reference(regionCode), expected.overdueOpen(regionCode).total)
  differences.same(`${where} period`, breakdown.period, range)
  differences.same(`${where} order`, breakdown.order, definition.better === null ? 'largest_first' : 'best_first')
  differences.metric(`${where} total`, breakdown.total, valueAt(code))
  // Children come in the region tree's order, each with its rank.
  differences.same(`${where} children`, breakdown.children.map((child) => child.code), regions.childCodes(code))
  for (const child of breakdown.children) differences.metric(`${where} child ${child.code}`, child, valueAt(child.code))
  const byRank = [...breakdown.children].sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : 1))
  for (const problem of rankingProblems(byRank, definition.better)) differences.add(`${where} ranking: ${problem}`)
}

/** Best first by the metric's better direction (largest first without one), nulls last, ties sharing a rank in code order. */
function rankingProblems(children: readonly BreakdownEntry[], better: MetricDefinition['better']): string[] {
  const problems: string[] = []
  children.forEach((entry, index) => {
    const before = children[index - 1]
    if (before === undefined) {
      if (entry.rank !== 1) problems.push(`${entry.code} is first with rank ${entry.rank}`)
      return
    }
    const tied = before.value === entry.value
    if (entry.rank !== (tied ? before.rank : index + 1)) problems.push(`${entry.code} has rank ${entry.rank} at place ${index + 1}${tied ? `, tied with ${before.code} (rank ${before.rank})` : ''}`)
    const inOrder = tied ? before.code < entry.code : entry.value === null || (before.value !== null && (better === 'lower' ? before.value < entry.value : before.value > entry.value))
    if (!inOrder) problems.push(`${before.code} (${before.value}) is ranked before ${entry.code} (${entry.value})`)
  })
  return problems
}

async function checkTrend(app: FastifyInstance, expected: MetricRecomputation, regions: RegionsUnderTest, differences: Differences, code: string, definition: MetricDefinition): Promise<void> {
  const trend = await getJson<RegionTrend>(app, `/api/v1/regions/${code}/trend?metric=${definition.key}&days=${TREND_DAYS}`)
  const where = `trend ${code} ${definition.key}`
  const days = daysIn({ from: plusDays(expected.today, -(TREND_DAYS - 1)), to: expected.today })
  differences.same(`${where} days`, trend.points.map((point) => point.day), days)
  for (const point of trend.points) {
    differences.metric(`${where} ${point.day}`, point, expectedMetric(definition, expected.counterSums(code, { from: point.day, to: point.day }), regions.reference(code), 0))
  }
}
