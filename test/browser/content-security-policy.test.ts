// The wall and /docs under the Content-Security-Policy the server sends: the header is on the
// page, and Chromium refuses nothing the page needs (a refused script, style, font or socket
// would leave a panel empty or the wall unstyled), while every panel fills with live data.
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENS } from '../../shared/wall-screens'
import { launchBrowser, listenForBrowser, screenshotPath } from '../support/browser'
import { watchCspRefusals } from '../support/csp-refusals'
import { complaint } from '../support/record-factory'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string
let page: Page
let closeBrowser: () => Promise<void>
let refused: string[]

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_HEARTBEAT_MS: '1000' })
  await app.ingest.ingest([complaint({ id: 'csp-1', regionCode: '510104' })], { partial: false })
  baseUrl = await listenForBrowser(app)
  const browser = await launchBrowser({ width: 1920, height: 1080 })
  closeBrowser = browser.close
  page = await browser.context.newPage()
  refused = await watchCspRefusals(page)
})

afterAll(async () => {
  await closeBrowser?.()
  await app?.close()
  await database?.drop()
})

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
