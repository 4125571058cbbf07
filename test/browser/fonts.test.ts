/// <reference lib="dom" />
// The wall draws in the font it ships (client/src/main.ts), not in whatever the PC has: in a
// Chromium shown none of the machine's fonts, every character of the overview, in Chinese and in
// English, and of the login page comes from the shipped font, fetched from RegDeck's own origin
// under the Content-Security-Policy, a few of its unicode-range subsets and not all; its digits
// are all one width, so live figures do not jitter.
import fs from 'node:fs'
import path from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_DIST } from '../../server/static/plugin'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { screenshotPath } from '../support/browser'
import { watchCspRefusals } from '../support/csp-refusals'
import { fontsSettled, watchFontRequests } from '../support/font-requests'
import { complaint } from '../support/record-factory'

/** The family main.ts's package declares; app.css's --font names it first. */
const SHIPPED_FAMILY = 'Noto Sans SC Variable'
/** What Chromium calls the shipped font once drawn: the file's own name (its first instance, Thin), a web font. */
const SHIPPED_FONT_DRAWN = /^Noto Sans SC\b.* \(web font\)$/

let browsed: BrowsedApp
let baseUrl: string

beforeAll(async () => {
  browsed = await browseTestApp(
    {},
    async (app) => {
      await app.ingest.ingest([complaint({ id: 'fonts-1', regionCode: '510104' })], { partial: false })
    },
    { systemFonts: 'without-cjk' },
  )
  baseUrl = browsed.baseUrl
})

afterAll(() => browsed?.close())

/** A page of its own with the browser cache off, so every font file it needs is requested. */
async function freshPage(locale: 'zh-CN' | 'en'): Promise<{ page: Page; cdp: CDPSession; fontRequests: string[]; refused: string[] }> {
  const page = await browsed.page.context().newPage()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  // Chromium notes the fonts text is drawn with only while the CSS agent is on.
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  await page.addInitScript((wanted) => localStorage.setItem('regdeck.locale', wanted), locale)
  return { page, cdp, fontRequests: watchFontRequests(page), refused: await watchCspRefusals(page) }
}

/** Each font Chromium drew the page's text with, and an element it drew with it. */
async function fontsDrawnWith(cdp: CDPSession): Promise<Map<string, string>> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body *' })
  const drawn = new Map<string, string>()
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    if (fonts.length === 0) continue
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId })
    for (const font of fonts) {
      const name = `${font.familyName} (${font.isCustomFont ? 'web font' : 'system'})`
      if (!drawn.has(name)) drawn.set(name, outerHTML.slice(0, 160))
    }
  }
  return drawn
}

async function expectOnlyShippedFont(cdp: CDPSession): Promise<void> {
  const drawn = await fontsDrawnWith(cdp)
  expect(drawn.size).toBeGreaterThan(0)
  expect([...drawn].filter(([font]) => !SHIPPED_FONT_DRAWN.test(font))).toEqual([])
}

describe('the shipped font', () => {
  it.each(['zh-CN', 'en'] as const)('draws every character of the overview in %s, fetched from RegDeck in part, with no system font to fall back on', async (locale) => {
    const { page, cdp, fontRequests, refused } = await freshPage(locale)
    const response = await page.goto(`${baseUrl}/wall/overview/510000`)
    expect(response?.headers()['content-security-policy']).toMatch(/font-src 'self'/)
    await expect.poll(() => page.locator('[data-screen="overview"] [data-panel]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-screen="overview"] [data-panel]:not(:has([data-updated-at]))').count(), { timeout: 15_000 }).toBe(0)
    await fontsSettled(page)
    await page.screenshot({ path: screenshotPath(`fonts-overview-${locale}-1920x1080`) })

    await expectOnlyShippedFont(cdp)
    const loaded = await page.evaluate((family) => [...document.fonts].filter((face) => face.family === `"${family}"` || face.family === family).map((face) => face.status), SHIPPED_FAMILY)
    expect(loaded).toContain('loaded')
    expect(loaded).not.toContain('error')
    // Not document.fonts.check over the page's text: the package's subsets overlap (ASCII punctuation
    // is in some Chinese subsets too), and Chromium rightly fetches only one of them per character.
    expect(await page.evaluate(() => document.fonts.status)).toBe('loaded')

    const shipped = fs.readdirSync(path.join(CLIENT_DIST, 'assets')).filter((name) => name.endsWith('.woff2'))
    expect(fontRequests.length).toBeGreaterThan(0)
    expect(fontRequests.length).toBeLessThan(shipped.length / 3)
    for (const url of fontRequests) expect(url).toMatch(new RegExp(`^${baseUrl}/assets/noto-sans-sc-[\\w-]+\\.woff2$`))
    expect(refused).toEqual([])
    await page.close()
  })

  it('draws the login page in it too', async () => {
    const { page, cdp } = await freshPage('zh-CN')
    await page.goto(`${baseUrl}/login`)
    await expect.poll(() => page.locator('input[type="password"]').count(), { timeout: 15_000 }).toBe(1)
    await fontsSettled(page)
    await expectOnlyShippedFont(cdp)
    await page.close()
  })

  it('sets figures in digits of one width', async () => {
    const { page } = await freshPage('zh-CN')
    await page.goto(`${baseUrl}/wall/overview/510000`)
    await expect.poll(() => page.locator('[data-metric] [data-value]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await fontsSettled(page)
    const figure = page.locator('[data-metric] [data-value]').first()
    expect(await figure.evaluate((element) => getComputedStyle(element).fontVariantNumeric)).toBe('tabular-nums')
    // The same element's font with other digits in it: every digit takes the width of any other.
    const widths = await figure.evaluate(async (element) => {
      const probe = element.cloneNode() as HTMLElement
      element.after(probe)
      const width = (digits: string) => {
        probe.textContent = digits
        return probe.getBoundingClientRect().width
      }
      const measured = [...'0123456789'].map((digit) => width(digit.repeat(8)))
      probe.remove()
      return measured
    })
    expect(new Set(widths).size).toBe(1)
    await page.close()
  })
})
