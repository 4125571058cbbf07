// Security headers on every kind of answer: API data, a refusal, the OpenAPI document. The
// wall and /docs rendering under the policy are judged in Chromium (test/browser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, startTestApp } from '../../support/test-app'

describe('security headers', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp('pglite')
  })
  afterAll(() => testApp.close())

  it.each(['/api/v1/health', '/api/v1/regions/999999', '/openapi.json'])('are on %s', async (url) => {
    const { headers } = await testApp.app.inject({ method: 'GET', url })
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['x-frame-options']).toBe('SAMEORIGIN')
    const policy = String(headers['content-security-policy'])
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'self'"]) expect(policy).toContain(directive)
    // Wall PCs on plain HTTP must not be sent to an HTTPS that is not there.
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(policy).not.toMatch(/style-src[^;]*'unsafe-inline'/)
  })
})
