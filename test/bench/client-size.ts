// The built client's size as a wall downloads it, gzipped: RegDeck's own code and styles,
// and d3 with the map decoding (a chunk of its own, see vite.config.ts), i.e. what the page
// links. Map data is not in the bundle: screens fetch it as TopoJSON. Chunks the page loads
// only on demand (the admin page and its region names, at /admin) never reach a wall PC and
// are counted apart. So is the shipped font: its @font-face rules (a stylesheet every page
// links) and its woff2 subsets, of which a page fetches only those its text falls in
// (screen-fonts.ts measures which).
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { CLIENT_DIST } from '../../server/static/plugin'

const ASSETS = path.join(CLIENT_DIST, 'assets')

export interface ClientSize {
  appGzipBytes: number
  d3GzipBytes: number
  /** chunks no page loads at start: the admin page */
  onDemandGzipBytes: number
  /** the shipped font's @font-face rules with their unicode-ranges */
  fontRulesGzipBytes: number
  /** the shipped font's woff2 subsets, as they are (woff2 is compressed already) */
  fontFiles: number
  fontFileBytes: number
}

export function clientSize(): ClientSize {
  const linked = new Set([...fs.readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1]))
  const size = { appGzipBytes: 0, d3GzipBytes: 0, onDemandGzipBytes: 0, fontRulesGzipBytes: 0, fontFiles: 0, fontFileBytes: 0 }
  for (const name of fs.readdirSync(ASSETS)) {
    if (name.endsWith('.woff2')) {
      size.fontFiles += 1
      size.fontFileBytes += assetBytes(name)
    }
    if (!/\.(js|css)$/.test(name)) continue
    const bytes = gzipSync(fs.readFileSync(path.join(ASSETS, name)), { level: 9 }).length
    if (!linked.has(name)) size.onDemandGzipBytes += bytes
    else if (name.startsWith('d3-')) size.d3GzipBytes += bytes
    else if (name.startsWith('fonts-')) size.fontRulesGzipBytes += bytes
    else size.appGzipBytes += bytes
  }
  return size
}

/** The size of a built asset, by its file name. */
export function assetBytes(name: string): number {
  return fs.statSync(path.join(ASSETS, name)).size
}
