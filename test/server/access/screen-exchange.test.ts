// The wall URL a screen token leaves behind, and the access log that never holds the token.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { redactScreenToken, screenTokensOf, withoutScreenToken } from '../../../server/access/screen-exchange'
import { buildApp } from '../../../server/app'
import { loadConfig } from '../../../server/config/config'
import { createTestDatabase } from '../../support/test-databases'

describe('a wall URL without its screen token', () => {
  it.each([
    ['/wall/overview/510104?screen=rds_abc', '/wall/overview/510104'],
    ['/wall?playlist=overview,campaign&regions=510000&screen=rds_abc', '/wall?playlist=overview,campaign&regions=510000'],
    ['/wall?screen=rds_abc&period=7d&kiosk', '/wall?period=7d&kiosk'],
    ['/wall?sc%72een=rds_abc&screen=rds_def&period=7d', '/wall?period=7d'],
    ['/wall?screens=overview', '/wall?screens=overview'],
    ['/wall', '/wall'],
  ])('%s → %s', (url, expected) => {
    expect(withoutScreenToken(url)).toBe(expected)
  })

  it('reads every screen token, encoded or not', () => {
    expect(screenTokensOf('/wall?screen=rds_a&sc%72een=rds_b')).toEqual(['rds_a', 'rds_b'])
    expect(screenTokensOf('/wall?period=7d')).toEqual([])
  })

  it('is logged with the token redacted', () => {
    expect(redactScreenToken('/wall?playlist=overview&screen=rds_secret&kiosk')).toBe('/wall?playlist=overview&screen=[redacted]&kiosk')
    expect(redactScreenToken('/api/v1/access')).toBe('/api/v1/access')
  })
})

describe('the access log', () => {
  it('never holds a screen token from a URL', async () => {
    const database = await createTestDatabase('pglite')
    let logged = ''
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk)
        done()
      },
    })
    const app = await buildApp({ config: loadConfig({ REGDECK_DEMO: '0', ...database.env }), logger: { level: 'info', stream } })
    try {
      await app.inject({ method: 'GET', url: '/api/v1/health?screen=rds_secretvalue&kiosk' })
      expect(logged).toContain('/api/v1/health?screen=[redacted]&kiosk')
      expect(logged).not.toContain('rds_secretvalue')
    } finally {
      await app.close()
      await database.drop()
    }
  })
})
