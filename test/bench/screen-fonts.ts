// What one wall screen downloads of the shipped font: Chromium at 1920×1080 opens the overview of
// a demo server, in Chinese and in English, and the woff2 subsets it requests until every panel
// is filled and its fonts have loaded are counted with their sizes.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchBrowser, listenForBrowser } from '../support/browser'
import { fontsSettled, watchFontRequests } from '../support/font-requests'
import { buildDemoApp, firstMeaningfulPaint, untilTodayHasRecords } from '../soak/wall-soak'
import { assetBytes } from './client-size'

export const SCREEN_FONT_LOCALES = ['zh-CN', 'en'] as const

export interface ScreenFonts {
  locale: (typeof SCREEN_FONT_LOCALES)[number]
  files: number
  bytes: number
}

export async function overviewFontLoads(): Promise<ScreenFonts[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-fonts-'))
  const app = await buildDemoApp(dataDir, 20)
  try {
    const baseUrl = await listenForBrowser(app)
    await untilTodayHasRecords(app)
    const loads: ScreenFonts[] = []
    for (const locale of SCREEN_FONT_LOCALES) {
      // A browser of its own per language, so nothing comes from the other's cache.
      const browser = await launchBrowser({ width: 1920, height: 1080 })
      try {
        const page = await browser.context.newPage()
        await page.addInitScript((wanted) => localStorage.setItem('regdeck.locale', wanted), locale)
        const requested = watchFontRequests(page)
        await page.goto(`${baseUrl}/wall/overview/510000`)
        await firstMeaningfulPaint(page)
        await fontsSettled(page)
        const names = requested.map((url) => new URL(url).pathname.split('/').pop() as string)
        loads.push({ locale, files: names.length, bytes: names.reduce((sum, name) => sum + assetBytes(name), 0) })
      } finally {
        await browser.close()
      }
    }
    return loads
  } finally {
    await app.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
