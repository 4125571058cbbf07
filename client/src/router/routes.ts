// The client's URL space. Pure, so it can be tested without a browser.

export type Route =
  | { name: 'wall'; region: string | null }
  | { name: 'redirect'; to: string }
  | { name: 'notFound'; path: string }

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/') return { name: 'redirect', to: wallPath(null) }
  const match = /^\/wall(?:\/([^/]+))?$/.exec(path)
  if (match) return { name: 'wall', region: match[1] === undefined ? null : decodeURIComponent(match[1]) }
  return { name: 'notFound', path: pathname }
}

export function wallPath(region: string | null): string {
  return region === null ? '/wall' : `/wall/${encodeURIComponent(region)}`
}
