/// <reference lib="dom" />
// A wall across a server outage, as a person sees it: its badge turns amber when the
// server goes, red once its data is a minute old, and green again by itself when the
// server is back, with no reload; what was written meanwhile is on it.
import type { FastifyInstance } from 'fastify'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, screenshotPath } from '../support/browser'
import { integratorHeaders } from '../support/integrator-key'
import { complaintReceivedNow } from '../support/record-factory'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

const ENV = { REGDECK_HEARTBEAT_MS: '1000', REGDECK_LIVE_TICK_MS: '100' }

let database: TestDatabase
let app: FastifyInstance
let port = 0
let context: BrowserContext
let page: Page
let closeBrowser: () => Promise<void>

const start = async () => {
  app = await buildTestApp({ ...database.env, ...ENV })
  await app.listen({ port, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  port = address.port
}
const badge = () => page.locator('[data-live-status]').getAttribute('data-live-status')
const todayValue = (metric: string) => page.locator(`[data-live-view="510000|today"] [data-metric="${metric}"] [data-value]`).textContent()
const complaintNow = (id: string) => complaintReceivedNow({ id })

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  await start()
  const browser = await launchBrowser({ width: 1920, height: 1080 })
  closeBrowser = browser.close
  context = browser.context
  // Fake timers that run at the real pace, so that a minute without data can be skipped over.
  await context.clock.install()
  page = await context.newPage()
})

afterAll(async () => {
  await closeBrowser?.()
  await app?.close()
  await database?.drop()
})

describe('the wall across a server outage', () => {
  // Live, without a reload (loadedOnce, checked below). How fast is the live
  // bench's figure (delta latency p99), not a timed test's: on a loaded CI machine a one-second
  // limit here failed at 1,073 ms, and as often on the old client as on the new.
  it('shows today live, and a record posted to the API as it commits', async () => {
    await page.goto(`http://127.0.0.1:${port}/wall`)
    await expect.poll(badge, { timeout: 15_000 }).toBe('live')
    await expect.poll(() => todayValue('complaints_received'), { timeout: 10_000 }).toBe('0')
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }))
    const response = await app.inject({ method: 'POST', url: '/api/v1/records', headers: await integratorHeaders(app), payload: [complaintNow('C-wall-live-1')] })
    expect(response.statusCode).toBe(200)
    await expect.poll(() => todayValue('complaints_received'), { timeout: 5000, interval: 50 }).toBe('1')
    await expect.poll(() => page.locator('[data-ticker-item="complaint:C-wall-live-1"]').count(), { timeout: 5000, interval: 50 }).toBe(1)
    await page.screenshot({ path: screenshotPath('live-badge-live-1920x1080') })
  })

  it('turns amber when the server stops, and red once its data is a minute old', async () => {
    await app.close()
    await expect.poll(badge, { timeout: 5000 }).toBe('stale')
    await page.screenshot({ path: screenshotPath('live-badge-stale-1920x1080') })
    await context.clock.fastForward(61_000)
    await expect.poll(badge, { timeout: 5000 }).toBe('offline')
    // The last good data stays on screen, and says it is not current.
    await expect(todayValue('complaints_received')).resolves.toBe('1')
    await expect(page.locator('[data-live-view="510000|today"] .not-current').count()).resolves.toBe(1)
    await page.screenshot({ path: screenshotPath('live-badge-offline-1920x1080') })
  })

  it('is live again by itself once the server is back, without a reload, with what was written meanwhile', async () => {
    // Written while the wall's server is down (a source posting to another instance).
    const during = await buildTestApp({ ...database.env, ...ENV })
    await during.ingest.ingest([complaintNow('C-wall-live-2')], { partial: false })
    await during.close()
    await start()
    await expect.poll(badge, { timeout: 20_000, interval: 200 }).toBe('live')
    await expect.poll(() => todayValue('complaints_received'), { timeout: 5000 }).toBe('2')
    await expect(page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).resolves.toBe(true)
    await expect(page.locator('[data-live-view="510000|today"] .not-current').count()).resolves.toBe(0)
  })
})
