// The wall URL a screen token leaves behind, and the access log that never holds the token.
import { describe, expect, it } from 'vitest'
import { redactScreenToken, screenTokensOf, withoutScreenToken } from '../../../server/access/screen-exchange'

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
