// The demo's first start on an empty database (PGlite, as a newcomer's `npm start`), on a
// clock held early in a year so the history is short: it reaches 1 January and the same
// span a year earlier, and the province's year-to-date figures fall in the calibration
// ranges of docs/domain.md ("Calibration for demo data"), prorated to the span.
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import type { RegionSummary, SummaryMetric } from '../../../shared/metrics'
import { RATES } from '../../../server/demo/calibration'
import { DAY_MS, isWorkingDay, startOfChinaDay } from '../../../server/demo/china-time'
import demoPlugin from '../../../server/demo/plugin'
import { buildTestApp } from '../../support/test-app'
import { type TestDatabase, createTestDatabase } from '../../support/test-databases'
import { at } from './demo-regions'

const started: { app: FastifyInstance; database: TestDatabase }[] = []
afterAll(async () => {
  for (const { app, database } of started) {
    await app.close()
    await database.drop()
  }
})

/** A demo server's first start at `now`, its history filled (the clock stays at `now`: live adds nothing). */
async function firstStart(now: number, historyDays?: number): Promise<FastifyInstance> {
  const database = await createTestDatabase('pglite')
  const app = await buildTestApp({ ...database.env, REGDECK_ALERT_INTERVAL_MS: '0' })
  started.push({ app, database })
  await app.register(demoPlugin, { timeZone: 'Asia/Shanghai', seed: 7, speed: 1, deskTickMs: 3_600_000, now: () => now, ...(historyDays === undefined ? {} : { historyDays }) })
  await app.ready()
  const done = new Promise<void>((resolve) => app.events.demoHistory.subscribe(({ percent }) => percent === null && resolve()))
  await app.listen({ port: 0, host: '127.0.0.1' })
  await done
  return app
}

const epoch = (value: unknown) => new Date(value as string).getTime()

describe("the demo's first-start history", () => {
  it('fills this year from 1 January to now and the same span a year earlier, leaving no earlier item open', { timeout: 240_000 }, async () => {
    const now = at('2026-01-03T12:00:00+08:00')
    const app = await firstStart(now)
    // Items by the year they were last seen in (their status, or when they happened): items begun
    // before a span and still in progress at its start (the lead-in) are seen only within it. A
    // span's first and last items are those begun within it.
    const BEGUN_IN_ITS_YEAR = sql.raw(`extract(year from event_at at time zone 'Asia/Shanghai') = extract(year from coalesce(status_at, event_at) at time zone 'Asia/Shanghai')`)
    const { rows } = await sql<{ year: number; first: string; last: string; items: number; open: number }>`
      select extract(year from coalesce(status_at, event_at) at time zone 'Asia/Shanghai')::int as year,
             min(event_at) filter (where ${BEGUN_IN_ITS_YEAR}) as first, max(event_at) filter (where ${BEGUN_IN_ITS_YEAR}) as last, (count(*) filter (where ${BEGUN_IN_ITS_YEAR}))::int as items,
             count(*) filter (where type in ('complaint', 'report', 'case') and status in ('received', 'accepted', 'mediating', 'checking', 'opened', 'decided'))::int as open
      from records where type <> 'campaign' and content ->> 'sourceComplaintId' is null group by 1 order by 1`.execute(app.database.db)
    expect(rows.map((row) => row.year)).toEqual([2025, 2026])
    const [earlier, recent] = rows as [(typeof rows)[0], (typeof rows)[0]]
    // This year begins with complaints, reports and cases in progress, begun after the year earlier's span (which holds its own).
    const { rows: leadIn } = await sql<{ items: number; first: string }>`
      select count(*)::int as items, min(event_at) as first from records
      where type in ('complaint', 'report', 'case') and event_at < ${new Date(at('2026-01-01T00:00:00+08:00'))} and status_at >= ${new Date(at('2026-01-01T00:00:00+08:00'))}`.execute(app.database.db)
    // (1–3 January 2026 is the New Year holiday: few steps fall in it; the calibration test below holds a longer span.)
    expect(leadIn[0]?.items).toBeGreaterThan(0)
    expect(epoch(leadIn[0]?.first)).toBeGreaterThanOrEqual(at('2025-01-03T12:00:00+08:00'))
    // Each span from its first hour to its last, and nothing between them (cases opened from complaints come weeks after them: left out).
    expect(epoch(recent.first)).toBeGreaterThanOrEqual(at('2026-01-01T00:00:00+08:00'))
    expect(epoch(recent.first)).toBeLessThan(at('2026-01-01T01:00:00+08:00'))
    expect(epoch(recent.last)).toBeLessThan(now)
    expect(epoch(recent.last)).toBeGreaterThan(now - 3_600_000)
    expect(epoch(earlier.first)).toBeGreaterThanOrEqual(at('2025-01-01T00:00:00+08:00'))
    expect(epoch(earlier.first)).toBeLessThan(at('2025-01-01T01:00:00+08:00'))
    expect(epoch(earlier.last)).toBeLessThan(at('2025-01-03T12:00:00+08:00'))
    expect(epoch(earlier.last)).toBeGreaterThan(at('2025-01-03T11:00:00+08:00'))
    // Like for like: the year earlier holds about as many items as this year (2025's 2–3 January were working days, 2026's a holiday).
    expect(earlier.items).toBeGreaterThan(recent.items)
    expect(earlier.items).toBeLessThan(3 * recent.items)
    // The year earlier ends months before now: its items were carried to their ends, none left to turn overdue.
    expect(earlier.open).toBe(0)
    expect(recent.open).toBeGreaterThan(0)
    const summary = (await app.inject(`/api/v1/regions/510000/summary?period=2026-01-01..2026-01-03`)).json<RegionSummary>()
    expect(summary.previousPeriod).toEqual({ from: '2025-01-01', to: '2025-01-03' })
    const received = summary.metrics.find((metric) => metric.key === 'complaints_received')
    expect(received?.value).toBeGreaterThan(0)
    expect(received?.previous?.value).toBeGreaterThan(0)
  })

  it("holds the province's year-to-date figures to the Sichuan calibration", { timeout: 400_000 }, async () => {
    const now = at('2026-01-16T12:00:00+08:00')
    // The recent part alone (15 days back is 1 January): the figures are this year's, and the test half as long.
    const app = await firstStart(now, 15)
    const summary = (await app.inject(`/api/v1/regions/510000/summary?period=2026-01-01..2026-01-16`)).json<RegionSummary>()
    const metric = (key: string) => summary.metrics.find((candidate) => candidate.key === key) as SummaryMetric
    // Soft: a run reports every figure out of its range, not only the first.
    const within = (what: string, value: number | null, low: number, high: number) => {
      expect.soft(value, what).not.toBeNull()
      expect.soft(value as number, `${what}: ${value}`).toBeGreaterThanOrEqual(low)
      expect.soft(value as number, `${what}: ${value}`).toBeLessThanOrEqual(high)
    }
    // Share of a year's volume the span holds, with the calibration's quieter rest days.
    const yearShare = (restDayFactor: number) => {
      const weight = (from: number, to: number) => {
        let sum = 0
        for (let day = from; day < to; day += DAY_MS) sum += Math.min(1, (to - day) / DAY_MS) * (isWorkingDay(day) ? 1 : restDayFactor)
        return sum
      }
      return weight(startOfChinaDay('2026-01-01'), now) / weight(startOfChinaDay('2026-01-01'), startOfChinaDay('2027-01-01'))
    }
    // 双随机抽查: ≈ 40万 entities a year, 5% of the registered ones.
    within('random inspection ratio, a year', (metric('random_inspection_ratio').value as number) / yearShare(RATES.random.restDayFactor), 4, 6)
    // Food sampling: ≈ 2.7% of batches failed.
    within('food pass rate', metric('food_pass_rate').value, 100 - 2.7 * 1.2, 100 - 2.7 * 0.8)
    // Mediation success ≈ 30–66% by area: the province in between.
    within('mediation success', metric('mediation_success_rate').value, 30, 66)
    // 12315: ≈ 60万 complaints and reports a year.
    within('complaints and reports received', metric('complaints_received').value, 600_000 * yearShare(RATES.complaint.restDayFactor) * 0.85, 600_000 * yearShare(RATES.complaint.restDayFactor) * 1.15)
    // Fines and confiscations ≈ 4.6亿元 over ≈ 6万 cases: ≈ 7,700 yuan a decided case.
    const decided = metric('case_decided_on_time').denominator as number
    expect.soft(decided, 'cases decided').toBeGreaterThan(20)
    within('fines per decided case', (metric('fines_confiscations').value as number) / decided, 7_700 * 0.7, 7_700 * 1.3)
  })
})
