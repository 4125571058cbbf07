import { describe, expect, it } from 'vitest'
import { parseRoute, wallPath } from '../../../client/src/router/routes'

describe('parseRoute', () => {
  it.each([
    ['/wall', '', { name: 'wall', kiosk: false, screen: 'overview', region: null, period: 'ytd' }],
    ['/wall/', '', { name: 'wall', kiosk: false, screen: 'overview', region: null, period: 'ytd' }],
    ['/wall/complaints/510100', '?period=7d', { name: 'wall', kiosk: false, screen: 'complaints', region: '510100', period: '7d' }],
    ['/wall/campaign', '?kiosk', { name: 'wall', kiosk: true, screen: 'campaign', region: null, period: 'ytd' }],
    ['/', '', { name: 'redirect', to: '/wall/overview' }],
    ['/wall/510100', '?period=today', { name: 'redirect', to: '/wall/overview/510100?period=today' }],
    ['/wall/weather/510100', '', { name: 'notFound', path: '/wall/weather/510100', reason: 'weather' }],
    ['/wall/overview/510100/extra', '', { name: 'notFound', path: '/wall/overview/510100/extra' }],
    ['/console', '', { name: 'notFound', path: '/console' }],
  ])('%s%s', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route)
  })

  it('reads a playlist, with regions, an interval no shorter than 5 s, and a period', () => {
    expect(parseRoute('/wall', '?playlist=overview,campaign&interval=12&regions=510000,510100&period=30d')).toEqual({
      name: 'playlist',
      playlist: { screens: ['overview', 'campaign'], regions: ['510000', '510100'], intervalS: 12, period: '30d' },
    })
    expect(parseRoute('/wall', '?playlist=overview&interval=1')).toMatchObject({ playlist: { intervalS: 5, regions: [] } })
    expect(parseRoute('/wall', '?playlist=overview&interval=soon')).toMatchObject({ playlist: { intervalS: 30 } })
    expect(parseRoute('/wall', '?playlist=overview,weather')).toEqual({ name: 'notFound', path: '/wall', reason: 'weather' })
  })

  it('round-trips wallPath, leaving the default period out', () => {
    expect(wallPath({ screen: 'inspections', region: '510104', period: 'ytd' })).toBe('/wall/inspections/510104')
    const path = wallPath({ screen: 'campaign', region: null, period: 'campaign:chunlei-2026' })
    expect(path).toBe('/wall/campaign?period=campaign%3Achunlei-2026')
    const [pathname, query] = path.split('?')
    expect(parseRoute(pathname!, `?${query}`)).toEqual({ name: 'wall', kiosk: false, screen: 'campaign', region: null, period: 'campaign:chunlei-2026' })
  })
})
