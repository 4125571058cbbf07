import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignList, CampaignProgress, RegionBreakdown, RegionSummary } from '../../../shared/metrics'
import { addCalendarDays, localDateOf } from '../../../server/time/zoned-time'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { addCounts } from './counter-fixtures'

describe.each(testDatabaseKinds())('campaigns API on %s', (kind) => {
  let testApp: TestApp
  const today = localDateOf(new Date(), 'Asia/Shanghai')
  // 100 days, of which 60 have passed today: the schedule is at 60%.
  const running = { startsOn: addCalendarDays(today, -59), endsOn: addCalendarDays(today, 40) }

  beforeAll(async () => {
    testApp = await startTestApp(kind)
    const { db } = testApp.app.database
    const campaign = (id: string, name: string, name_en: string | null, region_code: string, starts_on: string, ends_on: string) => ({ id, name, name_en, region_code, starts_on, ends_on, domains: JSON.stringify(['food', 'drug']) })
    await db.insertInto('campaigns').values([
      campaign('spring-thunder', '春雷行动', 'Spring Thunder Campaign', '510000', running.startsOn, running.endsOn),
      campaign('iron-fist-2024', '铁拳行动', 'Iron Fist Campaign', '510000', '2024-03-01', '2024-10-31'),
      campaign('chengdu-next', '成都下一行动', null, '510100', addCalendarDays(today, 10), addCalendarDays(today, 100)),
    ]).execute()
    const target = (region_code: string, inspections: number | null, cases: number | null) => ({ campaign_id: 'spring-thunder', region_code, inspections, cases })
    // Stored at every level, as ingest stores them: a parent's target is the sum of its children's.
    await db.insertInto('campaign_targets').values([
      target('510104', 1000, 10), target('510105', 500, null), target('510100', 1500, 10),
      target('510302', 200, null), target('510300', 200, null), target('510000', 1700, 10),
    ]).execute()
    const day = addCalendarDays(today, -5)
    await addCounts(db, testApp.app.regions, [
      ['510104', 'campaign.spring-thunder.inspections', day, 400],
      ['510104', 'campaign.spring-thunder.cases', day, 6],
      ['510104', 'campaign.spring-thunder.fines_fen', day, 250_000],
      ['510105', 'campaign.spring-thunder.inspections', day, 300],
      ['510106', 'campaign.spring-thunder.inspections', day, 50],
      ['510302', 'campaign.spring-thunder.inspections', day, 190],
      // another campaign's counters never leak in
      ['510104', 'campaign.iron-fist-2024.inspections', '2024-04-01', 9999],
    ])
  })
  afterAll(() => testApp.close())

  const get = (url: string) => testApp.app.inject({ method: 'GET', url })
  const progress = async (url: string) => {
    const response = await get(url)
    expect(response.statusCode, url).toBe(200)
    return response.json<CampaignProgress>()
  }

  it('lists campaigns, latest first, with their status by today', async () => {
    const response = await get('/api/v1/campaigns')
    expect(response.statusCode).toBe(200)
    const { campaigns } = response.json<CampaignList>()
    expect(campaigns.map((campaign) => [campaign.id, campaign.status])).toEqual([
      ['chengdu-next', 'upcoming'],
      ['spring-thunder', 'running'],
      ['iron-fist-2024', 'finished'],
    ])
    expect(campaigns[0]?.nameEn).toBeNull()
    expect(campaigns[1]).toEqual({ id: 'spring-thunder', name: '春雷行动', nameEn: 'Spring Thunder Campaign', regionCode: '510000', ...running, domains: ['food', 'drug'], status: 'running' })
  })

  it('gives progress per city of the campaign region against target and schedule', async () => {
    const body = await progress('/api/v1/campaigns/spring-thunder/progress')
    expect(body.region.code).toBe('510000')
    expect(body.schedule).toEqual({ elapsedDays: 60, totalDays: 100, percent: 60 })
    expect(body.laggingMarginPoints).toBe(10)
    expect(body.totals).toMatchObject({ code: '510000', targets: { inspections: 1700, cases: 10 }, actuals: { inspections: 940, cases: 6, finesYuan: 2500 }, progress: { cases: 60 } })
    expect(body.children).toHaveLength(21)
    expect(body.children.slice(0, 2).map((child) => [child.code, child.progress.overall, child.lagging])).toEqual([['510300', 95, false], ['510100', 50, false]])
    expect(body.children.slice(2).every((child) => child.progress.overall === null && !child.lagging)).toBe(true)
  })

  it('flags counties lagging behind the schedule; a county without a target never lags', async () => {
    const body = await progress('/api/v1/campaigns/spring-thunder/progress?region=510100')
    expect(body.totals.actuals).toEqual({ inspections: 750, cases: 6, finesYuan: 2500 })
    const [first, second, ...rest] = body.children
    expect(first).toEqual({
      code: '510105', name: '青羊区', targets: { inspections: 500, cases: null }, actuals: { inspections: 300, cases: 0, finesYuan: 0 },
      progress: { inspections: 60, cases: null, overall: 60 }, lagging: false,
    })
    expect(second).toMatchObject({ code: '510104', progress: { inspections: 40, cases: 60, overall: 40 }, lagging: true })
    expect(rest.find((child) => child.code === '510106')).toMatchObject({ actuals: { inspections: 50 }, progress: { overall: null }, lagging: false })
  })

  it('gives campaign progress and schedule in a summary and a breakdown for the campaign period', async () => {
    const summary = (await get('/api/v1/regions/510104/summary?period=campaign:spring-thunder')).json<RegionSummary>()
    expect(summary.period).toEqual({ from: running.startsOn, to: running.endsOn })
    expect(summary.metrics.find((metric) => metric.key === 'campaign_progress')).toMatchObject({ value: 40, numerator: 400, denominator: 1000 })
    expect(summary.metrics.find((metric) => metric.key === 'campaign_schedule')).toMatchObject({ value: 60, numerator: 60, denominator: 100 })
    const breakdown = (await get('/api/v1/regions/510100/breakdown?metric=campaign_progress&period=campaign:spring-thunder')).json<RegionBreakdown>()
    expect([...breakdown.children].sort((a, b) => a.rank - b.rank).slice(0, 2).map((child) => [child.code, child.value, child.rank])).toEqual([['510105', 60, 1], ['510104', 40, 2]])
    expect(breakdown.total.value).toBe(50)
  })

  it('answers an unknown campaign with 404 and a region outside the campaign with 400', async () => {
    const unknown = await get('/api/v1/campaigns/no-such/progress')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(unknown.json()).toMatchObject({ code: 'unknown_campaign', title: 'Unknown campaign', detail: expect.stringContaining('no-such') })
    const outside = await get('/api/v1/campaigns/chengdu-next/progress?region=510300')
    expect(outside.statusCode).toBe(400)
    expect(outside.json().errors).toEqual([{ field: 'query.region', message: expect.stringContaining('outside') }])
    expect(outside.json().code).toBe('invalid_request')
    const unknownRegion = await get('/api/v1/campaigns/spring-thunder/progress?region=519999')
    expect([unknownRegion.statusCode, unknownRegion.json().code]).toEqual([404, 'unknown_region'])
  })
})
