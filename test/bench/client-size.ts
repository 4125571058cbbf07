// The built client's size as a wall downloads it, gzipped: RegDeck's own code and styles,
// and d3 with the map decoding (a chunk of its own, see vite.config.ts). Map data is not in
// the bundle: screens fetch it as TopoJSON.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { CLIENT_DIST } from '../../server/static/plugin'

export interface ClientSize {
  appGzipBytes: number
  d3GzipBytes: number
}

export function clientSize(): ClientSize {
  const assets = path.join(CLIENT_DIST, 'assets')
  const size = { appGzipBytes: 0, d3GzipBytes: 0 }
  for (const name of fs.readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue
    const bytes = gzipSync(fs.readFileSync(path.join(assets, name)), { level: 9 }).length
    if (name.startsWith('d3-')) size.d3GzipBytes += bytes
    else size.appGzipBytes += bytes
  }
  return size
}
