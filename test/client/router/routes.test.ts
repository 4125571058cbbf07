import { describe, expect, it } from 'vitest'
import { parseRoute, wallPath } from '../../../client/src/router/routes'

describe('parseRoute', () => {
  it.each([
    ['/wall', { name: 'wall', region: null }],
    ['/wall/', { name: 'wall', region: null }],
    ['/wall/510100', { name: 'wall', region: '510100' }],
    ['/', { name: 'redirect', to: '/wall' }],
    ['/wall/510100/extra', { name: 'notFound', path: '/wall/510100/extra' }],
    ['/console', { name: 'notFound', path: '/console' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route)
  })

  it('round-trips wallPath', () => {
    expect(parseRoute(wallPath('510104'))).toEqual({ name: 'wall', region: '510104' })
    expect(parseRoute(wallPath(null))).toEqual({ name: 'wall', region: null })
  })
})
