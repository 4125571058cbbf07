import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RegionDetail } from '../../../shared/api'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

describe.each(testDatabaseKinds())('regions API on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  const getRegion = async (code: string) => testApp.app.inject({ method: 'GET', url: `/api/v1/regions/${code}` })

  it('gives the province with its 21 prefecture-level children', async () => {
    const detail = (await getRegion('510000')).json<RegionDetail>()
    expect(detail.region).toMatchObject({ code: '510000', name: '四川省', nameEn: 'Sichuan Province', level: 'province', parentCode: null, population: 83_674_866, populationEstimated: false, marketEntitiesEstimated: true })
    expect(detail.ancestors).toEqual([])
    expect(detail.children).toHaveLength(21)
    expect(detail.children.map((child) => child.code)).toContain('513400')
    expect(detail.children.every((child) => child.level === 'city')).toBe(true)
  })

  it('gives a city with its parent chain and its county-level children, none of them placeholders', async () => {
    const detail = (await getRegion('510100')).json<RegionDetail>()
    expect(detail.region.name).toBe('成都市')
    expect(detail.ancestors.map((region) => region.code)).toEqual(['510000'])
    expect(detail.children).toHaveLength(20)
    expect(detail.children.map((child) => child.name)).toContain('锦江区')
    expect(detail.children.some((child) => child.name === '市辖区')).toBe(false)
  })

  it('gives a county with the whole chain and no children', async () => {
    const detail = (await getRegion('510104')).json<RegionDetail>()
    expect(detail.region).toMatchObject({ name: '锦江区', nameEn: 'Jinjiang District', level: 'county', populationEstimated: true, marketEntitiesEstimated: true })
    expect(detail.ancestors.map((region) => region.code)).toEqual(['510000', '510100'])
    expect(detail.children).toEqual([])
  })

  it('knows the county-level city 会理市 by its current code only', async () => {
    expect((await getRegion('513402')).statusCode).toBe(200)
    expect((await getRegion('513425')).statusCode).toBe(404)
  })

  it('answers an unknown code with a 404 problem naming the code', async () => {
    const response = await getRegion('519999')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({ status: 404, code: 'unknown_region', title: 'Unknown region', detail: expect.stringContaining('519999') })
  })

  it('answers a malformed code with a 400 problem naming the field', async () => {
    const response = await getRegion('51A000')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'invalid_request', errors: [{ field: 'params.code', message: expect.stringContaining('pattern') }] })
  })

  it('mirrors all 205 regions (1 + 21 + 183) into the database for SQL roll-ups', async () => {
    const { rows } = await sql<{ level: string; count: number }>`select level, count(*)::int as count from regions group by level order by level`.execute(testApp.app.database.db)
    expect(rows).toEqual([
      { level: 'city', count: 21 },
      { level: 'county', count: 183 },
      { level: 'province', count: 1 },
    ])
  })
})
