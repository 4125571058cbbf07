// The client's URL space. Pure, so it can be tested without a browser.
// A pinned screen: /wall/<screen>/<region>?period=…  A rotating wall:
// /wall?playlist=overview,campaign&interval=30[&regions=510000,510100][&period=…]
// The login page: /login[?next=/wall/…|/admin|/desk][&expired=1][&screen=invalid]. The admin pages: /admin.
// The duty desk (值班台): /desk[?dispatch=<region>] (the wall's map starts a 督办 for that region).
// A URL naming a screen, region or period that cannot be is refused here, before anything is asked.
import { DEFAULT_PERIOD } from '../../../shared/metrics'
import { readPeriod } from '../../../shared/period'
import { isRegionCode, regionLevelOf } from '../../../shared/region-codes'
import { type ScreenKey, isScreenKey } from '../../../shared/wall-screens'
import type { UrlProblem } from './url-problem'

export const DEFAULT_INTERVAL_S = 30
/** Shorter would not leave a leader time to read a screen. */
export const MIN_INTERVAL_S = 5

export interface WallTarget {
  screen: ScreenKey
  /** null: the configured province */
  region: string | null
  period: string
}

export interface Playlist {
  screens: ScreenKey[]
  /** empty: the configured province only */
  regions: string[]
  intervalS: number
  period: string
}

export type Route =
  | ({ name: 'wall'; kiosk: boolean } & WallTarget)
  | { name: 'playlist'; playlist: Playlist }
  /** `invalidScreen`: sent here by a wall URL whose screen token is not valid or was revoked */
  | { name: 'login'; next: string; expired: boolean; invalidScreen: boolean }
  | { name: 'admin' }
  /** `dispatch`: a region whose 督办 drawer the desk opens, sent from the wall's map; null: none */
  | { name: 'desk'; dispatch: string | null }
  | { name: 'redirect'; to: string }
  | { name: 'wrongUrl'; problems: UrlProblem[] }

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  const query = new URLSearchParams(search)
  const period = query.get('period') || DEFAULT_PERIOD
  const kiosk = query.has('kiosk')
  if (path === '/') return { name: 'redirect', to: `/wall/overview${search}` }
  if (path === '/admin') return { name: 'admin' }
  if (path === '/desk') return parseDesk(query)
  if (path === '/login') return { name: 'login', next: safeNextPath(query.get('next')), expired: query.get('expired') === '1', invalidScreen: query.get('screen') === 'invalid' }
  if (path === '/wall' && query.has('playlist')) return parsePlaylist(query, period)
  const segments = path.split('/').slice(1).map(decodeSegment)
  if (segments[0] !== 'wall' || segments.length > 3) return { name: 'wrongUrl', problems: [{ kind: 'unknown_path', path: pathname }] }
  const [, screen = 'overview', region] = segments
  // Before screens existed a wall was /wall/<region>; such pinned URLs still work.
  if (region === undefined && isRegionCode(screen)) return { name: 'redirect', to: `/wall/overview/${encodeURIComponent(screen)}${search}` }
  const problems = problemsOf([screen], region === undefined ? [] : [region], period)
  if (problems.length > 0) return { name: 'wrongUrl', problems }
  return { name: 'wall', kiosk, screen: screen as ScreenKey, region: region ?? null, period }
}

function parsePlaylist(query: URLSearchParams, period: string): Route {
  const names = listOf(query.get('playlist'))
  const regions = listOf(query.get('regions'))
  const problems: UrlProblem[] = names.length === 0 ? [{ kind: 'empty_playlist' }] : []
  problems.push(...problemsOf(names, regions, period))
  if (problems.length > 0) return { name: 'wrongUrl', problems }
  const interval = Number(query.get('interval') ?? DEFAULT_INTERVAL_S)
  return {
    name: 'playlist',
    playlist: {
      screens: names as ScreenKey[],
      regions,
      intervalS: Number.isFinite(interval) ? Math.max(MIN_INTERVAL_S, interval) : DEFAULT_INTERVAL_S,
      period,
    },
  }
}

function parseDesk(query: URLSearchParams): Route {
  const dispatch = query.get('dispatch') || null
  if (dispatch !== null && !isRegionCode(dispatch)) return { name: 'wrongUrl', problems: [{ kind: 'invalid_region', region: dispatch }] }
  return { name: 'desk', dispatch }
}

/** The desk with its 督办 drawer open for `region`, as the wall's map links to it. */
export function deskDispatchPath(region: string): string {
  return `/desk?dispatch=${encodeURIComponent(region)}`
}

// Any origin will do: only whether `next` stays on it matters.
const SAME_ORIGIN = 'http://regdeck.invalid'

/**
 * Where to go after logging in: `next` when it is a path of the wall, the admin page or the desk on this
 * server, else the wall. Resolved as the browser would resolve it, so `//evil.example`,
 * `/\evil.example`, `https://…` and `/wall/../elsewhere` cannot lead off them (an open redirect).
 */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/')) return '/wall'
  let url: URL
  try {
    url = new URL(next, SAME_ORIGIN)
  } catch {
    return '/wall'
  }
  const onWall = url.pathname === '/wall' || url.pathname.startsWith('/wall/')
  const onPage = url.pathname === '/admin' || url.pathname === '/desk'
  return url.origin === SAME_ORIGIN && (onWall || onPage) ? `${url.pathname}${url.search}` : '/wall'
}

/** A segment as typed; one that is not valid percent-encoding stays as it came, to be named as wrong. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const listOf = (value: string | null): string[] => (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')

/** What is wrong with the screens, regions and period a URL names; empty when nothing is. */
function problemsOf(screens: readonly string[], regions: readonly string[], period: string): UrlProblem[] {
  const problems: UrlProblem[] = []
  const unknown = screens.filter((name) => !isScreenKey(name))
  if (unknown.length > 0) problems.push({ kind: 'unknown_screen', names: unknown })
  for (const region of regions) if (!isRegionCode(region)) problems.push({ kind: 'invalid_region', region })
  const reading = readPeriod(period)
  if (!reading.ok) problems.push({ kind: 'invalid_period', period, fault: reading.fault })
  return problems
}

/** The URL of a pinned screen; the default period stays out of it. */
export function wallPath({ screen, region, period }: WallTarget): string {
  const path = region === null ? `/wall/${screen}` : `/wall/${screen}/${encodeURIComponent(region)}`
  return period === DEFAULT_PERIOD ? path : `${path}?period=${encodeURIComponent(period)}`
}

/** Where a wall the server does not let in sends its browser: to log in, and back here after. */
export function loginPath(url: string): string {
  return `/login?next=${encodeURIComponent(url)}&expired=1`
}

/** Where a wall whose screen token is not valid (revoked while it showed) sends its browser: the login page says so. */
export function invalidScreenPath(url: string): string {
  return `/login?next=${encodeURIComponent(url)}&screen=invalid`
}

/**
 * Where a wall at `url` goes when the server ends its access on the live socket (docs/access.md,
 * "Sockets"); null: it stays and says why (a role that reads nothing: `forbidden`). A screen's
 * revoked token and a person's ended session each go to the login page with their own words; a
 * changed scope loads the page afresh, to learn the new scope as at any start.
 */
export function accessEndedPath(end: 'session_ended' | 'token_revoked' | 'scope_changed' | 'unauthenticated' | 'forbidden', url: string, isScreen: boolean): string | null {
  switch (end) {
    case 'forbidden':
      return null
    case 'scope_changed':
      return url
    case 'token_revoked':
      return invalidScreenPath(url)
    case 'session_ended':
      return loginPath(url)
    // A refused handshake says no more than "not valid": a screen's token, else a person's session.
    case 'unauthenticated':
      return isScreen ? invalidScreenPath(url) : loginPath(url)
  }
}

/**
 * Where a wall URL that names no region goes for a principal scoped at `scope` (null: stays):
 * a screen token's playlist when the URL is the bare wall, else the same screen at the scope
 * when the scope is below the province (a Chengdu screen's /wall opens /wall/overview/510100).
 * What else the URL says (period, interval, kiosk) goes along.
 */
export function scopedPath(url: string, scope: string, playlist: string | null): string | null {
  const query = url.indexOf('?')
  const pathname = (query === -1 ? url : url.slice(0, query)).replace(/\/+$/, '') || '/'
  const search = query === -1 ? '' : url.slice(query + 1)
  const route = parseRoute(pathname, search)
  if (route.name !== 'wall' || route.region !== null) return null
  const params = new URLSearchParams(search)
  if (pathname === '/wall' && playlist !== null) {
    params.delete('regions')
    const rest = params.toString()
    return `/wall?playlist=${playlist}&regions=${scope}${rest === '' ? '' : `&${rest}`}`
  }
  if (regionLevelOf(scope) === 'province') return null
  const path = wallPath({ screen: route.screen, region: scope, period: route.period })
  return route.kiosk ? `${path}${path.includes('?') ? '&' : '?'}kiosk` : path
}
