import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

describe.each(testDatabaseKinds())('health on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  it('names the database it runs on and the version', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', database: kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })

  it('tells a screen its province and the geometry version', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/config' })
    expect(response.json()).toMatchObject({ provinceCode: '510000', geoVersion: '0-0', regionNamesEn: { '510000': 'Sichuan Province', '513300': 'Garzê Tibetan Autonomous Prefecture', '510104': 'Jinjiang District' } })
  })

  it('answers unknown API paths with problem+json', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({ status: 404, title: 'Not found' })
  })
})
