import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TICKER_LENGTH, type Ticker, newestFirst } from '../../../shared/ticker'
import { isoInTimeZone } from '../../../server/time/zoned-time'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { complaint, enforcementCase, foodSampling, inspection, report } from '../../support/record-factory'

const minutesAgo = (minutes: number) => isoInTimeZone(new Date(Date.now() - minutes * 60_000), 'Asia/Shanghai')

describe.each(testDatabaseKinds())('GET /api/v1/regions/:code/ticker on %s', (kind) => {
  let testApp: TestApp
  const ticker = async (code: string): Promise<Ticker> => {
    const response = await testApp.app.inject(`/api/v1/regions/${code}/ticker`)
    expect(response.statusCode).toBe(200)
    return response.json()
  }

  const jinjiangAt = minutesAgo(50)

  beforeAll(async () => {
    testApp = await startTestApp(kind)
    const result = await testApp.app.ingest.ingest(
      [
        complaint({ id: 'C-jinjiang', regionCode: '510104', receivedAt: jinjiangAt, statusAt: jinjiangAt, category: 'food_safety', entity: { uscc: '91350100M000100Y43', name: '<b>某某</b>餐馆' } }),
        report({ id: 'R-mianyang', regionCode: '510703', receivedAt: minutesAgo(40), statusAt: minutesAgo(40) }),
        enforcementCase({ id: 'K-major', regionCode: '510105', openedAt: minutesAgo(30), statusAt: minutesAgo(30), major: true, fineYuan: 5000, confiscatedYuan: 250.5 }),
        enforcementCase({ id: 'K-ordinary', regionCode: '510100', openedAt: minutesAgo(20), statusAt: minutesAgo(20) }),
        foodSampling({ id: 'F-failed', regionCode: '510104', occurredAt: minutesAgo(10), batches: 12, failed: 2 }),
        foodSampling({ id: 'F-passed', regionCode: '510104', occurredAt: minutesAgo(9), failed: 0 }),
        inspection({ id: 'I-hazard', regionCode: '510106', occurredAt: minutesAgo(5), kind: 'special_equipment', domain: 'special_equipment', seriousHazard: true }),
        inspection({ id: 'I-compliant', regionCode: '510106', occurredAt: minutesAgo(4) }),
      ],
      { partial: false },
    )
    expect(result.errors).toEqual([])
  })
  afterAll(() => testApp.close())

  it("holds the newest complaints, reports and cases of the region's subtree and the records that are alerts, newest first", async () => {
    const chengdu = await ticker('510100')
    expect(newestFirst(Object.values(chengdu)).map((item) => item.id)).toEqual(['I-hazard', 'F-failed', 'K-ordinary', 'K-major', 'C-jinjiang'])
    expect(Object.keys(chengdu)).toContain('case:K-major')
    expect(chengdu['case:K-major']).toMatchObject({ regionCode: '510105', regionName: '青羊区', alert: 'major_case', amountYuan: 5250.5, domain: 'food', status: 'opened' })
    expect(chengdu['food_sampling:F-failed']).toMatchObject({ alert: 'food_failed', failedBatches: 2, batches: 12, category: '粮食加工品' })
    expect(chengdu['inspection:I-hazard']).toMatchObject({ alert: 'serious_hazard', domain: 'special_equipment' })
    // What came from outside is kept as text, exactly as sent.
    expect(chengdu['complaint:C-jinjiang']).toMatchObject({ alert: null, category: 'food_safety', channel: 'hotline', entityName: '<b>某某</b>餐馆' })
    expect(chengdu['complaint:C-jinjiang']?.at).toMatch(/\+08:00$/)
    expect(Date.parse(chengdu['complaint:C-jinjiang']?.at ?? '')).toBe(Date.parse(jinjiangAt))
  })

  it('holds a county its own records only, and the province everything', async () => {
    expect(Object.keys(await ticker('510104')).sort()).toEqual(['complaint:C-jinjiang', 'food_sampling:F-failed'])
    expect(Object.keys(await ticker('510000'))).toHaveLength(6)
    expect(await ticker('510300')).toEqual({})
  })

  it(`keeps the newest ${TICKER_LENGTH} items, also when they come in late and out of order`, async () => {
    // Sent in an order unlike their times: index × 7 mod 25 minutes after the oldest.
    const minutesAfterOldest = (index: number) => (index * 7) % 25
    const many = Array.from({ length: TICKER_LENGTH + 5 }, (_, index) => {
      const at = minutesAgo(100 - minutesAfterOldest(index))
      return complaint({ id: `C-many-${index}`, regionCode: '510300', receivedAt: at, statusAt: at })
    })
    await testApp.app.ingest.ingest(many, { partial: false })
    const newest = many.filter((_, index) => minutesAfterOldest(index) >= 5)
    expect(Object.keys(await ticker('510300')).sort()).toEqual(newest.map((record) => `complaint:${record.id}`).sort())
  })

  it('answers an unknown region with a problem', async () => {
    const response = await testApp.app.inject('/api/v1/regions/110000/ticker')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toContain('application/problem+json')
  })
})
