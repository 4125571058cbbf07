// Debian's Chromium driven by playwright-core (a test tool's own browser download
// does not work here). A persistent context in a temp folder, because Playwright
// refuses --user-data-dir among the launch arguments.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { type BrowserContext, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const SCREENSHOT_DIR = path.resolve('test-output/screenshots')

export interface BrowserOptions {
  /** 'without-cjk': of the machine's fonts Chromium sees only DejaVu, as on a PC without Chinese fonts */
  systemFonts?: 'all' | 'without-cjk'
}

export async function launchBrowser(viewport: { width: number; height: number }, options: BrowserOptions = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: options.systemFonts === 'without-cjk' ? { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk(profile) } : process.env,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Debian's DejaVu, which fontconfig itself depends on: Latin, no Chinese. */
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu'

/** A fontconfig file naming DejaVu's folder alone. */
function fontconfigWithoutCjk(profile: string): string {
  if (!fs.existsSync(DEJAVU_DIR)) throw new Error(`no DejaVu fonts in ${DEJAVU_DIR} (Debian's fonts-dejavu-core)`)
  const file = path.join(profile, 'fonts.conf')
  fs.writeFileSync(file, `<?xml version="1.0"?>\n<fontconfig><dir>${DEJAVU_DIR}</dir><cachedir>${path.join(profile, 'fontconfig-cache')}</cachedir></fontconfig>\n`)
  return file
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return path.join(SCREENSHOT_DIR, `${name}.png`)
}

/** Has the app listen on a free local port; the base URL for the browser to open. */
export async function listenForBrowser(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return `http://127.0.0.1:${address.port}`
}

/** One Chromium page for the tests of a describe block: opened before them, closed after. */
export function suitePage(viewport = { width: 1920, height: 1080 }): () => Page {
  let page: Page | undefined
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const browser = await launchBrowser(viewport)
    close = browser.close
    page = await browser.context.newPage()
  })
  afterAll(() => close?.())
  return () => {
    if (page === undefined) throw new Error('the page opens before the tests of its describe block')
    return page
  }
}
