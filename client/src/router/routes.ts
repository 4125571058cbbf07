// The client's URL space. Pure, so it can be tested without a browser.
// A pinned screen: /wall/<screen>/<region>?period=…  A rotating wall:
// /wall?playlist=overview,campaign&interval=30[&regions=510000,510100][&period=…]

export const SCREENS = ['overview', 'campaign', 'complaints', 'inspections'] as const
export type ScreenKey = (typeof SCREENS)[number]

export const DEFAULT_PERIOD = 'ytd'
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
  | { name: 'redirect'; to: string }
  | { name: 'notFound'; path: string; reason?: string }

export const isScreenKey = (value: string): value is ScreenKey => (SCREENS as readonly string[]).includes(value)

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  const query = new URLSearchParams(search)
  const period = query.get('period') || DEFAULT_PERIOD
  const kiosk = query.has('kiosk')
  if (path === '/') return { name: 'redirect', to: `/wall/overview${search}` }
  if (path === '/wall' && query.has('playlist')) return parsePlaylist(pathname, query, period)
  const segments = path.split('/').slice(1).map(decodeURIComponent)
  if (segments[0] !== 'wall' || segments.length > 3) return { name: 'notFound', path: pathname }
  const [, first, second] = segments
  if (first === undefined) return { name: 'wall', kiosk, screen: 'overview', region: null, period }
  // Before screens existed a wall was /wall/<region>; such pinned URLs still work.
  if (second === undefined && !isScreenKey(first)) return { name: 'redirect', to: `/wall/overview/${encodeURIComponent(first)}${search}` }
  if (!isScreenKey(first)) return { name: 'notFound', path: pathname, reason: first }
  return { name: 'wall', kiosk, screen: first, region: second ?? null, period }
}

function parsePlaylist(pathname: string, query: URLSearchParams, period: string): Route {
  const names = (query.get('playlist') ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '')
  const unknown = names.filter((name) => !isScreenKey(name))
  if (names.length === 0 || unknown.length > 0) return { name: 'notFound', path: pathname, reason: unknown.join(',') || 'playlist' }
  const interval = Number(query.get('interval') ?? DEFAULT_INTERVAL_S)
  const regions = (query.get('regions') ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '')
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

/** The URL of a pinned screen; the default period stays out of it. */
export function wallPath({ screen, region, period }: WallTarget): string {
  const path = region === null ? `/wall/${screen}` : `/wall/${screen}/${encodeURIComponent(region)}`
  return period === DEFAULT_PERIOD ? path : `${path}?period=${encodeURIComponent(period)}`
}
