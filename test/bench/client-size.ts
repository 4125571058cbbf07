// The built client's size as a wall downloads it, gzipped: RegDeck's own code and styles,
// and d3 with the map decoding (a chunk of its own, see vite.config.ts), i.e. what the page
// links. Map data is not in the bundle: screens fetch it as TopoJSON. Chunks the page loads
// only on demand (the admin page and its region names, at /admin) never reach a wall PC and
// are counted apart.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { CLIENT_DIST } from '../../server/static/plugin'

export interface ClientSize {
  appGzipBytes: number
  d3GzipBytes: number
  /** chunks no page loads at start: the admin page */
  onDemandGzipBytes: number
}

export function clientSize(): ClientSize {
  const assets = path.join(CLIENT_DIST, 'assets')
  const linked = new Set([...fs.readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1]))
  const size = { appGzipBytes: 0, d3GzipBytes: 0, onDemandGzipBytes: 0 }
  for (const name of fs.readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue
    const bytes = gzipSync(fs.readFileSync(path.join(assets, name)), { level: 9 }).length
    if (!linked.has(name)) size.onDemandGzipBytes += bytes
    else if (name.startsWith('d3-')) size.d3GzipBytes += bytes
    else size.appGzipBytes += bytes
  }
  return size
}
