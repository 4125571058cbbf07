/// <reference lib="dom" />
// Read from five metres: no text on the four screens is cut short (an ellipsis is a cut too) or
// spills out of its box or panel, at province, city and county level, in Chinese and in English, at
// 1920×1080, with the demo's history mark in the header. The city is 凉山州, whose counties have the
// longest names, and the county 木里藏族自治县.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENS } from '../../shared/wall-screens'
import { screenshotPath, suitePage } from '../support/browser'
import { type DemoWall, startDemoWall } from '../support/demo-wall'
import { findTextMisfits } from '../support/text-fit'

const REGIONS = [
  { level: 'province', code: '510000' },
  { level: 'city', code: '513400' },
  { level: 'county', code: '513422' },
] as const
const LOCALES = ['zh-CN', 'en'] as const

let wall: DemoWall
let baseUrl: string

// Judged once the history is in, so alerts, ticker lines and rankings are full; with a campaign's targets in both regions judged, so the campaign screen has all its text.
beforeAll(async () => {
  wall = await startDemoWall({ campaignId: 'text-fit-campaign', targetRegions: ['510100', '513400', '513200', '513300', '513401', '513422'] })
  baseUrl = wall.baseUrl
  // The header at its fullest: the mark a first start shows while its history loads (the heartbeat carries it).
  wall.app.events.demoHistory.publish({ percent: 63 })
}, 90_000)

afterAll(() => wall?.close())

describe('text fits its box, 1920×1080', () => {
  const pageOf = suitePage()

  for (const locale of LOCALES) {
    for (const screen of SCREENS) {
      for (const { level, code } of REGIONS) {
        it(`${screen} at ${level} level (${code}), ${locale}`, async () => {
          const page = pageOf()
          await page.goto(`${baseUrl}/wall/${screen}/${code}`)
          await page.evaluate((chosen) => localStorage.setItem('regdeck.locale', chosen), locale)
          await page.reload()
          await expect.poll(() => page.locator('[data-live-status]').getAttribute('data-live-status'), { timeout: 15_000 }).toBe('live')
          await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-loading]`).count(), { timeout: 15_000 }).toBe(0)
          await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-panel]:not(:has([data-updated-at]))`).count(), { timeout: 15_000 }).toBe(0)
          await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-region]`).count(), { timeout: 15_000 }).toBeGreaterThan(4)
          await expect.poll(() => page.locator('[data-demo-history="63"]').count(), { timeout: 5_000 }).toBe(1)
          await page.waitForTimeout(700) // numbers settle
          await page.screenshot({ path: screenshotPath(`text-fit-${screen}-${level}-${code}-${locale}-1920x1080`) })
          // The header, the bar above the screens and the screen itself.
          expect(await findTextMisfits(page, 'body')).toEqual([])
        }, 60_000)
      }
    }
  }
})
