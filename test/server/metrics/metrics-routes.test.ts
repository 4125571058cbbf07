import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Problem } from '../../../shared/api'
import { METRICS, type MetricKey, type RegionBreakdown, type RegionSummary, type RegionTrend } from '../../../shared/metrics'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { setSweptUntil } from '../../../server/clocks/open-clocks-repository'
import { lockWrites } from '../../../server/db/write-lock'
import { addCalendarDays, localDateOf } from '../../../server/time/zoned-time'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { addCount, addCounts } from './counter-fixtures'

const PERIOD = '2025-03-15..2025-05-10'
const HOUR = 3_600_000

describe.each(testDatabaseKinds())('metrics API on %s', (kind) => {
  let testApp: TestApp
  const today = localDateOf(new Date(), 'Asia/Shanghai')

  beforeAll(async () => {
    testApp = await startTestApp(kind)
    const { db } = testApp.app.database
    const tree = testApp.app.regions
    await addCounts(db, tree, [
      ['510104', 'inspections.kind.random', '2025-03-20', 30],
      ['510104', 'inspections.kind.random', '2025-04-10', 10],
      ['510104', 'inspections.kind.joint', '2025-04-11', 12],
      ['510104', 'inspections', '2025-05-05', 50],
      ['510104', 'inspections.problems', '2025-05-05', 5],
      ['510104', 'food.batches', '2025-04-02', 1000],
      ['510104', 'food.failed', '2025-04-02', 27],
      ['510104', 'intake.received', '2025-03-15', 7],
      ['510104', 'intake.type.complaint', '2025-03-15', 5],
      ['510104', 'intake.type.report', '2025-03-15', 2],
      ['510104', 'intake.channel.hotline', '2025-03-15', 4],
      ['510104', 'intake.channel.web', '2025-03-15', 3],
      ['510104', 'intake.category.quality', '2025-03-15', 7],
      ['510104', 'complaints.recovered_fen', '2025-05-10', 123_456],
      ['510104', 'cases.fines_fen', '2025-04-30', 500_000],
      ['510104', 'cases.opened', '2025-04-30', 3],
      ['510104', 'clock.complaint_acceptance.due', '2025-04-01', 10],
      ['510104', 'clock.complaint_acceptance.on_time', '2025-04-01', 9],
      // just outside the period on both sides
      ['510104', 'inspections.kind.random', '2025-03-14', 1000],
      ['510104', 'inspections.kind.random', '2025-05-11', 1000],
      ['510105', 'inspections.kind.random', '2025-04-20', 10],
      ['510105', 'inspections.kind.joint', '2025-04-20', 5],
      ['510105', 'food.batches', '2025-04-20', 500],
      ['510105', 'food.failed', '2025-04-20', 5],
      ['510105', 'intake.received', '2025-04-20', 3],
      ['510105', 'cases.opened', '2025-05-01', 2],
      ['510105', 'clock.complaint_acceptance.due', '2025-05-01', 4],
      ['510105', 'clock.complaint_acceptance.on_time', '2025-05-01', 4],
      ['510302', 'inspections.kind.random', '2025-03-31', 20],
      ['510302', 'inspections.kind.joint', '2025-03-31', 2],
      ['510302', 'food.batches', '2025-04-15', 200],
      ['510302', 'food.failed', '2025-04-15', 10],
      ['510302', 'cases.opened', '2025-04-15', 1],
      // a year earlier
      ['510104', 'inspections.kind.random', '2024-04-01', 8],
      ['510104', 'inspections.kind.joint', '2024-04-01', 2],
      ['510104', 'cases.opened', '2024-05-10', 1],
      // recent days, for the trend
      ['510104', 'cases.opened', addCalendarDays(today, -2), 4],
      ['510104', 'cases.opened', today, 1],
    ])
    // Deliberately inconsistent buckets at one county only: shows which table each day is read from.
    const own = { ownLevelOnly: true } as const
    await addCount(db, tree, '510402', 'cases.opened', '2025-04-01', 7, { ...own, buckets: ['monthly'] })
    await addCount(db, tree, '510402', 'cases.opened', '2025-03-20', 2, { ...own, buckets: ['daily'] })
    await addCount(db, tree, '510402', 'cases.opened', '2025-03-01', 100, { ...own, buckets: ['monthly'] })
    await addCount(db, tree, '510402', 'cases.opened', '2025-04-15', 100, { ...own, buckets: ['daily'] })

    const now = Date.now()
    const openClock = (record_id: string, clock: string, region_code: string, dueInMs: number) => ({
      record_type: 'complaint', record_id, clock, region_code, starts_at: new Date(now - 30 * 24 * HOUR), due_at: new Date(now + dueInMs),
    })
    await db.insertInto('open_clocks').values([
      openClock('c1', 'complaint_acceptance', '510104', -48 * HOUR),
      openClock('c2', 'report_check', '510104', -1 * HOUR),
      openClock('c3', 'complaint_closure', '510104', 5 * 24 * HOUR),
      openClock('c5', 'case_decision', '510105', -240 * HOUR),
      openClock('c6', 'report_check', '510302', -24 * HOUR),
    ]).execute()
    // As the sweeper leaves them: deadlines up to two hours ago in the overdue counters,
    // the one that passed an hour ago not yet (until the next sweep the read counts it from open_clocks).
    await db.transaction().execute(async (trx) => {
      await lockWrites(trx)
      await setSweptUntil(trx, new Date(now - 30 * 24 * HOUR))
    })
    await sweepDeadlines(db, tree, 'Asia/Shanghai', new Date(now - 2 * HOUR))
  })
  afterAll(() => testApp.close())

  const get = (url: string) => testApp.app.inject({ method: 'GET', url })
  const summary = async (code: string, period = PERIOD) => {
    const response = await get(`/api/v1/regions/${code}/summary?period=${period}`)
    expect(response.statusCode).toBe(200)
    return response.json<RegionSummary>()
  }
  const metricOf = (body: RegionSummary, key: MetricKey) => body.metrics.find((metric) => metric.key === key)
  const breakdown = async (code: string, metric: MetricKey, period = PERIOD) => {
    const response = await get(`/api/v1/regions/${code}/breakdown?metric=${metric}&period=${period}`)
    expect(response.statusCode).toBe(200)
    return response.json<RegionBreakdown>()
  }

  it('holds the year-on-year figures while the days a year earlier are still being loaded, and gives them once they are in', async () => {
    testApp.app.loadingDays.set({ from: '2024-05-01', to: '2024-12-31' })
    try {
      const body = await summary('510104')
      expect(metricOf(body, 'joint_inspection_share')).toMatchObject({ value: 30, previous: null })
      expect(metricOf(body, 'cases_opened')).toMatchObject({ value: 3, previous: null })
      // A period whose year earlier lies before the loading days compares as before.
      expect(metricOf(await summary('510104', '2025-03-15..2025-04-10'), 'joint_inspection_share')?.previous).toMatchObject({ value: 25 })
    } finally {
      testApp.app.loadingDays.set(null)
    }
    expect(metricOf(await summary('510104'), 'joint_inspection_share')?.previous).toEqual({ value: 25, numerator: 2, denominator: 8 })
  })

  it('summarises a county: every catalogue metric, rates from counters, money in yuan', async () => {
    const body = await summary('510104')
    expect(body.region.code).toBe('510104')
    expect(body.period).toEqual({ from: '2025-03-15', to: '2025-05-10' })
    expect(body.previousPeriod).toEqual({ from: '2024-03-15', to: '2024-05-10' })
    expect(body.metrics.map((metric) => metric.key)).toEqual(METRICS.map((metric) => metric.key))
    expect(metricOf(body, 'joint_inspection_share')).toEqual({
      key: 'joint_inspection_share', value: 30, numerator: 12, denominator: 40, unit: '%', target: 40,
      previous: { value: 25, numerator: 2, denominator: 8 },
    })
    // 双随机: a single department's random inspections and joint ones, 40 + 12
    expect(metricOf(body, 'random_inspection_ratio')).toMatchObject({ numerator: 52, denominator: body.region.marketEntities, target: 5 })
    expect(metricOf(body, 'food_pass_rate')).toMatchObject({ value: 97.3, numerator: 973, denominator: 1000, target: 98 })
    expect(metricOf(body, 'inspection_problem_rate')).toMatchObject({ value: 10, target: null })
    expect(metricOf(body, 'recovered_loss')).toMatchObject({ value: 1234.56, unit: 'yuan' })
    expect(metricOf(body, 'fines_confiscations')).toMatchObject({ value: 5000, previous: { value: 0, numerator: 0, denominator: null } })
    expect(metricOf(body, 'cases_opened')).toMatchObject({ value: 3, previous: { value: 1 } })
    expect(metricOf(body, 'complaint_acceptance_on_time')).toMatchObject({ value: 90, numerator: 9, denominator: 10 })
    expect(metricOf(body, 'complaint_closed_on_time')).toMatchObject({ value: null, numerator: 0, denominator: 0 })
    expect(metricOf(body, 'tasks_overdue')).toMatchObject({ value: 0, previous: null })
    expect(metricOf(body, 'campaign_progress')).toMatchObject({ value: null, previous: null })
    expect(body.breakdowns.intakeByType).toEqual({ complaint: 5, report: 2 })
    expect(body.breakdowns.intakeByChannel).toMatchObject({ hotline: 4, web: 3, app: 0, letter: 0 })
    expect(body.breakdowns.intakeByCategory).toMatchObject({ quality: 7, price: 0 })
  })

  it('has no previous figures where the year before has no data at all', async () => {
    const body = await summary('510105')
    expect(body.metrics.every((metric) => metric.previous === null)).toBe(true)
    expect(metricOf(body, 'food_pass_rate')?.value).toBe(99)
  })

  it('sums every level: the province sees all counties', async () => {
    const body = await summary('510000')
    expect(metricOf(body, 'cases_opened')?.value).toBe(6)
    expect(metricOf(body, 'joint_inspection_share')).toMatchObject({ numerator: 19, denominator: 70 })
    expect(metricOf(body, 'food_tests_per_thousand')).toMatchObject({ numerator: 1700, denominator: 83_674.866 })
  })

  it('reads whole months from the monthly table and ragged ends from the daily one', async () => {
    expect(metricOf(await summary('510402'), 'cases_opened')?.value).toBe(9)
  })

  it('counts open items past their deadline now, per clock, over the whole subtree', async () => {
    const province = await summary('510000')
    expect(metricOf(province, 'overdue_open')).toMatchObject({ value: 4, target: 0, previous: null })
    expect(province.breakdowns.overdueByClock).toEqual({ complaint_acceptance: 1, complaint_closure: 0, report_check: 2, case_decision: 1 })
    expect(metricOf(await summary('510100'), 'overdue_open')?.value).toBe(3)
    expect(metricOf(await summary('510104'), 'overdue_open')?.value).toBe(2)
  })

  it('ranks children best first by the target direction, nulls last, listing them in the region tree\'s order', async () => {
    const body = await breakdown('510100', 'food_pass_rate')
    expect(body.order).toBe('best_first')
    expect(body.children.map((child) => child.code)).toEqual(testApp.app.regions.children('510100').map((child) => child.code))
    const byRank = [...body.children].sort((a, b) => a.rank - b.rank)
    expect(byRank.slice(0, 2)).toEqual([
      { rank: 1, code: '510105', name: '青羊区', value: 99, numerator: 495, denominator: 500 },
      { rank: 2, code: '510104', name: '锦江区', value: 97.3, numerator: 973, denominator: 1000 },
    ])
    expect(byRank.slice(2).every((child) => child.value === null && child.rank === 3)).toBe(true)
    expect(body.total).toEqual({ value: (1468 / 1500) * 100, numerator: 1468, denominator: 1500 })

    const overdue = await breakdown('510100', 'overdue_open')
    const overdueByRank = [...overdue.children].sort((a, b) => a.rank - b.rank)
    expect(overdueByRank.slice(-2).map((child) => [child.code, child.value, child.rank])).toEqual([['510105', 1, 19], ['510104', 2, 20]])
    expect(overdue.total.value).toBe(3)
  })

  it('gives a parent the sum of its children for additive counters', async () => {
    const additive: MetricKey[] = ['cases_opened', 'complaints_received', 'fines_confiscations', 'joint_inspection_share', 'food_pass_rate', 'complaint_acceptance_on_time', 'overdue_open']
    for (const code of ['510000', '510100']) {
      for (const metric of additive) {
        const body = await breakdown(code, metric)
        const sum = (pick: (entry: { numerator: number | null; denominator: number | null }) => number | null) =>
          body.children.reduce((acc, child) => acc + (pick(child) ?? 0), 0)
        expect(sum((entry) => entry.numerator), `${code} ${metric}`).toBeCloseTo(body.total.numerator ?? 0, 6)
        expect(sum((entry) => entry.denominator), `${code} ${metric}`).toBeCloseTo(body.total.denominator ?? 0, 6)
      }
    }
  })

  it('gives a daily series with every day present', async () => {
    const response = await get('/api/v1/regions/510104/trend?metric=cases_opened&days=30')
    expect(response.statusCode).toBe(200)
    const body = response.json<RegionTrend>()
    expect(body.points).toHaveLength(30)
    expect(body.points[0]?.day).toBe(addCalendarDays(today, -29))
    expect(body.points.at(-1)).toEqual({ day: today, value: 1, numerator: 1, denominator: null })
    expect(body.points.at(-3)).toMatchObject({ day: addCalendarDays(today, -2), value: 4 })
    expect(body.points.filter((point) => point.value === 0)).toHaveLength(28)

    const rates = (await get('/api/v1/regions/510104/trend?metric=food_pass_rate&days=7')).json<RegionTrend>()
    expect(rates.points.map((point) => point.value)).toEqual(Array(7).fill(null))
  })

  it('answers a summary of year to date with the same days a year earlier', async () => {
    const body = await summary('510000', 'ytd')
    expect(body.period).toEqual({ from: `${today.slice(0, 4)}-01-01`, to: today })
    expect(body.previousPeriod.from).toBe(`${Number(today.slice(0, 4)) - 1}-01-01`)
  })

  const expectProblem = async (url: string, status: number, field?: string) => {
    const response = await get(url)
    expect(response.statusCode, url).toBe(status)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = response.json<Problem>()
    if (field !== undefined) expect(body.errors?.map((error) => error.field)).toEqual([field])
    return body
  }

  it.each([
    ['last-week'],
    ['2025-05-10..2025-03-15'],
    ['2020-01-01..2025-01-01'],
    ['2025-02-30..2025-03-01'],
    ['campaign:no-such-campaign'],
  ])('answers period %j with a 400 naming query.period', async (period) => {
    const body = await expectProblem(`/api/v1/regions/510000/summary?period=${period}`, 400, 'query.period')
    expect(body.detail).toMatch(/^query\.period /)
  })

  it.each([
    ['9997-06-01..9997-06-02', 'query.period "9997-06-01" is not in a year from 2000 to 2099'],
    [`${addCalendarDays(today, 1)}..${addCalendarDays(today, 2)}`, `query.period starts after today (${today}), so it has no figures yet`],
  ])('says what is wrong with period %j, with the code a screen maps to its own words', async (period, detail) => {
    const body = await expectProblem(`/api/v1/regions/510000/summary?period=${period}`, 400, 'query.period')
    expect(body).toMatchObject({ code: 'invalid_period', detail: expect.stringContaining(detail) })
  })

  it('answers unknown metrics, regions and days with problems', async () => {
    await expectProblem('/api/v1/regions/510000/breakdown?metric=happiness&period=7d', 400, 'query.metric')
    await expectProblem('/api/v1/regions/510000/trend?metric=overdue_open', 400, 'query.metric')
    await expectProblem('/api/v1/regions/510000/trend?metric=cases_opened&days=367', 400, 'query.days')
    const unknown = await expectProblem('/api/v1/regions/519999/summary?period=7d', 404)
    expect(unknown).toMatchObject({ code: 'unknown_region', title: 'Unknown region', detail: expect.stringContaining('519999') })
    await expectProblem('/api/v1/regions/519999/breakdown?metric=cases_opened', 404)
    await expectProblem('/api/v1/regions/51A000/summary', 400, 'params.code')
  })
})
