/// <reference lib="dom" />
// Read from five metres: no text on the four screens is cut short (an ellipsis is a cut too) or
// spills out of its box or panel, at province and city level, in Chinese and in English, at
// 1920×1080. The city is 凉山州, whose counties have the longest names (木里藏族自治县).
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENS } from '../../shared/wall-screens'
import { addCalendarDays, localDateOf } from '../../server/time/zoned-time'
import { listenForBrowser, screenshotPath, suitePage } from '../support/browser'
import { untilDemoHistoryIn } from '../support/demo-ready'
import { campaign } from '../support/record-factory'
import { findTextMisfits } from '../support/text-fit'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

const REGIONS = [
  { level: 'province', code: '510000' },
  { level: 'city', code: '513400' },
] as const
const LOCALES = ['zh-CN', 'en'] as const

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_DEMO: '1', REGDECK_DEMO_SPEED: '50', REGDECK_DEMO_HISTORY_DAYS: '1', REGDECK_HEARTBEAT_MS: '1000' })
  baseUrl = await listenForBrowser(app)
  // Judged once the history is in, so alerts, ticker lines and rankings are full.
  await untilDemoHistoryIn(app)
  // A campaign running today with targets in both regions judged, so the campaign screen has all its text.
  const today = localDateOf(new Date(), 'Asia/Shanghai')
  const targets = ['510100', '513400', '513200', '513300', '513401', '513422'].map((regionCode) => ({ regionCode, inspections: 500, cases: 20 }))
  await app.ingest.ingest([campaign({ id: 'text-fit-campaign', startsOn: addCalendarDays(today, -60), endsOn: addCalendarDays(today, 30), targets })], { partial: false })
}, 90_000)

afterAll(async () => {
  await app?.close()
  await database?.drop()
})

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
          await page.waitForTimeout(700) // numbers settle
          await page.screenshot({ path: screenshotPath(`text-fit-${screen}-${level}-${code}-${locale}-1920x1080`) })
          // The header, the bar above the screens and the screen itself.
          expect(await findTextMisfits(page, 'body')).toEqual([])
        }, 60_000)
      }
    }
  }
})
