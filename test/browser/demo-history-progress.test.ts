// A newcomer's wall while the demo's first start fills its history: a discreet
// 正在生成演示历史 n% under the product name, carried by the live heartbeat, rising, and
// gone once the history is done.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, listenForBrowser, screenshotPath } from '../support/browser'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_DEMO: '1', REGDECK_DEMO_SPEED: '1', REGDECK_DEMO_HISTORY_DAYS: '3', REGDECK_HEARTBEAT_MS: '500' })
  baseUrl = await listenForBrowser(app)
})

afterAll(async () => {
  await app?.close()
  await database?.drop()
})

describe('the wall while the demo history is generated', () => {
  it('shows how far it is, rising, until it is done', { timeout: 300_000 }, async () => {
    const browser = await launchBrowser({ width: 1920, height: 1080 })
    try {
      const page = await browser.context.newPage()
      await page.goto(`${baseUrl}/wall`)
      const progress = page.locator('[data-demo-history]')
      // Text and figure in one read: a second read may find the history done and the mark gone.
      const mark = () => page.evaluate(() => {
        const shownMark = document.querySelector('[data-demo-history]')
        return shownMark === null ? null : { text: shownMark.textContent ?? '', percent: Number(shownMark.getAttribute('data-demo-history')) }
      })
      let first = 100
      await expect
        .poll(async () => {
          const seen = await mark()
          if (seen !== null) first = seen.percent
          return seen?.text ?? ''
        }, { timeout: 60_000 })
        .toMatch(/^正在生成演示历史 \d{1,2}%$/)
      await page.screenshot({ path: screenshotPath('demo-history-progress-1920x1080') })
      // Read without waiting: once the history is done the mark is gone, which counts as 100%.
      const shown = () => page.evaluate(() => Number(document.querySelector('[data-demo-history]')?.getAttribute('data-demo-history') ?? 100))
      await expect.poll(shown, { timeout: 240_000 }).toBeGreaterThan(first)
      // Done: the next heartbeat says nothing of a history, and the wall says nothing either.
      await expect.poll(() => progress.count(), { timeout: 240_000 }).toBe(0)
    } finally {
      await browser.close()
    }
  })
})
