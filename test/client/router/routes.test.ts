import { describe, expect, it } from 'vitest'
import { deskDispatchPath, loginPath, parseRoute, safeNextPath, scopedPath, wallPath } from '../../../client/src/router/routes'

describe('parseRoute', () => {
  it.each([
    ['/wall', '', { name: 'wall', kiosk: false, screen: 'overview', region: null, period: 'ytd' }],
    ['/wall/', '', { name: 'wall', kiosk: false, screen: 'overview', region: null, period: 'ytd' }],
    ['/wall/complaints/510100', '?period=7d', { name: 'wall', kiosk: false, screen: 'complaints', region: '510100', period: '7d' }],
    ['/wall/campaign', '?kiosk', { name: 'wall', kiosk: true, screen: 'campaign', region: null, period: 'ytd' }],
    ['/', '', { name: 'redirect', to: '/wall/overview' }],
    ['/wall/510100', '?period=today', { name: 'redirect', to: '/wall/overview/510100?period=today' }],
    ['/wall/overview/510100', '?period=2026-01-01..2026-03-31', { name: 'wall', kiosk: false, screen: 'overview', region: '510100', period: '2026-01-01..2026-03-31' }],
  ])('%s%s', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route)
  })

  it.each([
    ['/wall/weather/510100', '', [{ kind: 'unknown_screen', names: ['weather'] }]],
    // Not a region code, so not an old /wall/<region> URL either.
    ['/wall/weather', '', [{ kind: 'unknown_screen', names: ['weather'] }]],
    ['/wall/overview/5101', '', [{ kind: 'invalid_region', region: '5101' }]],
    ['/wall/overview/510000', '?period=garbage', [{ kind: 'invalid_period', period: 'garbage', fault: { kind: 'unknown' } }]],
    ['/wall', '?period=2026-02-30..2026-03-01', [{ kind: 'invalid_period', period: '2026-02-30..2026-03-01', fault: { kind: 'not_a_date', date: '2026-02-30' } }]],
    [
      '/wall/weather/abc',
      '?period=week',
      [
        { kind: 'unknown_screen', names: ['weather'] },
        { kind: 'invalid_region', region: 'abc' },
        { kind: 'invalid_period', period: 'week', fault: { kind: 'unknown' } },
      ],
    ],
    ['/wall/overview/510100/extra', '', [{ kind: 'unknown_path', path: '/wall/overview/510100/extra' }]],
    ['/console', '', [{ kind: 'unknown_path', path: '/console' }]],
    ['/wall/%E0%A4%A', '', [{ kind: 'unknown_screen', names: ['%E0%A4%A'] }]],
  ])('refuses %s%s, saying what is wrong', (path, search, problems) => {
    expect(parseRoute(path, search)).toEqual({ name: 'wrongUrl', problems })
  })

  it('reads a playlist, with regions, an interval no shorter than 5 s, and a period', () => {
    expect(parseRoute('/wall', '?playlist=overview,campaign&interval=12&regions=510000,510100&period=30d')).toEqual({
      name: 'playlist',
      playlist: { screens: ['overview', 'campaign'], regions: ['510000', '510100'], intervalS: 12, period: '30d' },
    })
    expect(parseRoute('/wall', '?playlist=overview&interval=1')).toMatchObject({ playlist: { intervalS: 5, regions: [] } })
    expect(parseRoute('/wall', '?playlist=overview&interval=soon')).toMatchObject({ playlist: { intervalS: 30 } })
    expect(parseRoute('/wall', '?playlist=overview,weather,rain')).toEqual({ name: 'wrongUrl', problems: [{ kind: 'unknown_screen', names: ['weather', 'rain'] }] })
    expect(parseRoute('/wall', '?playlist=')).toEqual({ name: 'wrongUrl', problems: [{ kind: 'empty_playlist' }] })
    expect(parseRoute('/wall', '?playlist=overview&regions=510000,51&period=7days')).toEqual({
      name: 'wrongUrl',
      problems: [
        { kind: 'invalid_region', region: '51' },
        { kind: 'invalid_period', period: '7days', fault: { kind: 'unknown' } },
      ],
    })
  })

  it('round-trips wallPath, leaving the default period out', () => {
    expect(wallPath({ screen: 'inspections', region: '510104', period: 'ytd' })).toBe('/wall/inspections/510104')
    const path = wallPath({ screen: 'campaign', region: null, period: 'campaign:chunlei-2026' })
    expect(path).toBe('/wall/campaign?period=campaign%3Achunlei-2026')
    const [pathname, query] = path.split('?')
    expect(parseRoute(pathname!, `?${query}`)).toEqual({ name: 'wall', kiosk: false, screen: 'campaign', region: null, period: 'campaign:chunlei-2026' })
  })

  it('reads /login with where to go after it and whether a session expired', () => {
    expect(parseRoute('/login')).toEqual({ name: 'login', next: '/wall', expired: false, invalidScreen: false })
    expect(parseRoute('/login/', '?next=%2Fwall%2Fcomplaints%2F510100%3Fperiod%3D7d&expired=1')).toEqual({ name: 'login', next: '/wall/complaints/510100?period=7d', expired: true, invalidScreen: false })
    expect(parseRoute('/login', '?next=%2Fwall%2Foverview%2F510104&screen=invalid')).toEqual({ name: 'login', next: '/wall/overview/510104', expired: false, invalidScreen: true })
    expect(parseRoute('/login', '?next=%2Fadmin')).toEqual({ name: 'login', next: '/admin', expired: false, invalidScreen: false })
  })

  it('reads /admin', () => {
    expect(parseRoute('/admin')).toEqual({ name: 'admin' })
    expect(parseRoute('/desk')).toEqual({ name: 'desk', dispatch: null })
    expect(parseRoute('/admin/')).toEqual({ name: 'admin' })
  })
})

describe('the desk opened from the wall\'s map', () => {
  it('reads the region whose 督办 the desk opens, and writes the path the map links to', () => {
    expect(parseRoute('/desk', '?dispatch=510104')).toEqual({ name: 'desk', dispatch: '510104' })
    expect(parseRoute('/desk/', '?dispatch=')).toEqual({ name: 'desk', dispatch: null })
    expect(deskDispatchPath('510104')).toBe('/desk?dispatch=510104')
    const [pathname, query] = deskDispatchPath('510104').split('?')
    expect(parseRoute(pathname!, `?${query}`)).toEqual({ name: 'desk', dispatch: '510104' })
  })

  it('refuses a dispatch region that is no region code, before anything is asked', () => {
    expect(parseRoute('/desk', '?dispatch=51010')).toEqual({ name: 'wrongUrl', problems: [{ kind: 'invalid_region', region: '51010' }] })
    expect(parseRoute('/desk', '?dispatch=%3Cscript%3E')).toEqual({ name: 'wrongUrl', problems: [{ kind: 'invalid_region', region: '<script>' }] })
  })

  it('keeps the dispatch region through logging in', () => {
    expect(safeNextPath('/desk?dispatch=510104')).toBe('/desk?dispatch=510104')
  })
})

describe('loginPath', () => {
  it('comes back to the same wall page after logging in', () => {
    const path = loginPath('/wall?playlist=overview,campaign&regions=510100')
    expect(path).toBe('/login?next=%2Fwall%3Fplaylist%3Doverview%2Ccampaign%26regions%3D510100&expired=1')
    const [pathname, query] = path.split('?')
    expect(parseRoute(pathname!, `?${query}`)).toMatchObject({ name: 'login', next: '/wall?playlist=overview,campaign&regions=510100', expired: true })
  })
})

describe('scopedPath', () => {
  it('opens a wall that names no region at a scope below the province, keeping the screen, period and kiosk', () => {
    expect(scopedPath('/wall', '510100', null)).toBe('/wall/overview/510100')
    expect(scopedPath('/wall/complaints?period=7d&kiosk', '510104', null)).toBe('/wall/complaints/510104?period=7d&kiosk')
  })

  it('leaves a province scope, and a URL that names a region or a playlist, as they are', () => {
    expect(scopedPath('/wall', '510000', null)).toBeNull()
    expect(scopedPath('/wall/overview/510000', '510100', null)).toBeNull()
    expect(scopedPath('/wall?playlist=campaign', '510100', 'overview,complaints')).toBeNull()
    expect(scopedPath('/login', '510100', 'overview')).toBeNull()
  })

  it("plays a screen's playlist on the bare wall, at its scope", () => {
    expect(scopedPath('/wall', '510100', 'overview,campaign')).toBe('/wall?playlist=overview,campaign&regions=510100')
    expect(scopedPath('/wall?interval=10', '510000', 'complaints')).toBe('/wall?playlist=complaints&regions=510000&interval=10')
    // A screen named in the path is a choice: it stays.
    expect(scopedPath('/wall/campaign', '510100', 'overview,complaints')).toBe('/wall/campaign/510100')
  })
})

describe('safeNextPath', () => {
  it.each(['/wall', '/wall/overview/510104', '/wall?playlist=overview,campaign&interval=30', '/admin', '/desk'])('keeps %s', (next) => {
    expect(safeNextPath(next)).toBe(next)
  })

  it.each([
    null,
    '',
    'https://evil.example/wall',
    '//evil.example/wall',
    '/\\evil.example/wall',
    '\\\\evil.example/wall',
    'javascript:alert(1)',
    'wall/overview',
    '/login',
    '/wallpaper',
    '/wall/../api/v1/session',
    '/wall/%2e%2e/docs',
    '/administrator',
    '/admin/../api/v1/users',
    '//evil.example/admin',
  ])('sends %s to the wall instead', (next) => {
    expect(safeNextPath(next)).toBe('/wall')
  })
})
