// The wall and /docs under the Content-Security-Policy the server sends: the header is on the
// page, and Chromium refuses nothing the page needs (a refused script, style, font or socket
// would leave a panel empty or the wall unstyled), while every panel fills with live data.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENS } from '../../shared/wall-screens'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { screenshotPath } from '../support/browser'
import { complaint } from '../support/record-factory'

let browsed: BrowsedApp
let page: Page
let baseUrl: string
let refused: string[]

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000' }, async (app) => {
    await app.ingest.ingest([complaint({ id: 'csp-1', regionCode: '510104' })], { partial: false })
  })
  ;({ page, baseUrl, refused } = browsed)
})

afterAll(() => browsed?.close())

describe('the Content-Security-Policy', () => {
  it.each(SCREENS)('lets the %s screen draw every panel with live data and refuses nothing', async (screen) => {
    refused.length = 0
    const response = await page.goto(`${baseUrl}/wall/${screen}/510000`)
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'self'/)
    const panels = page.locator(`[data-screen="${screen}"] [data-panel]`)
    await expect.poll(() => panels.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-panel]:not(:has([data-updated-at]))`).count(), { timeout: 15_000 }).toBe(0)
    await expect.poll(() => page.locator('[data-live-status="live"]').count(), { timeout: 15_000 }).toBe(1)
    await page.screenshot({ path: screenshotPath(`csp-${screen}-1920x1080`) })
    expect(refused).toEqual([])
  })

  it('lets /docs show the API manual and refuses nothing', async () => {
    refused.length = 0
    const response = await page.goto(`${baseUrl}/docs`)
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'self'/)
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 15_000 }).toBeGreaterThan(5)
    expect(refused).toEqual([])
  })
})
