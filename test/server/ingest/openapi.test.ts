import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, startTestApp } from '../../support/test-app'

describe('API documentation', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp('pglite')
  })
  afterAll(() => testApp.close())

  it('serves an OpenAPI document built from the route schemas', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    const ingest = document.paths['/api/v1/records'].post
    expect(Object.keys(ingest.requestBody.content)).toEqual(['application/json', 'application/x-ndjson', 'text/csv'])
    expect(JSON.stringify(ingest.requestBody.content['application/json'].schema)).toContain('"food_sampling"')
    expect(Object.keys(ingest.responses)).toEqual(['200', '400', '401', '403', '413', '415', '422', '429', '500', '503'])
    expect(ingest.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['partial', 'type'])
    expect(ingest.responses['422'].content['application/problem+json'].schema.properties.errors.items.properties).toHaveProperty('line')
    expect(document.paths['/api/v1/regions/{code}']).toBeDefined()
    expect(Object.keys(document.paths).every((path) => path.startsWith('/api/'))).toBe(true)
  })

  it('serves Swagger UI at /docs', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/html/)
  })
})
