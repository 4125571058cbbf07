/// <reference lib="dom" />
// A wall never scrolls, whatever size its window had before: a window that goes from
// 1920×1080 to 3840×2160 and back (a browser moved between screens, a wall controller
// switching modes) leaves a document exactly the window's size, which no script can scroll.
// Each size is measured at once, before the wall has rescaled its canvas, then once the canvas
// fits, and a second later. Whether Chromium kept the 4K scroll size under a 1920×1080 body
// depended on timing (about one resize in two, sometimes for good), so the round trip is made
// several times, after different pauses.
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, listenForBrowser, screenshotPath } from '../support/browser'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

const FULL_HD = { width: 1920, height: 1080 }
const UHD = { width: 3840, height: 2160 }
/** how long the window stays at 3840×2160 in each round trip */
const PAUSES_MS = [0, 150, 300, 450, 600]

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string
let page: Page
let closeBrowser: () => Promise<void>

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_HEARTBEAT_MS: '1000' })
  baseUrl = await listenForBrowser(app)
  const browser = await launchBrowser(FULL_HD)
  closeBrowser = browser.close
  page = await browser.context.newPage()
})

afterAll(async () => {
  await closeBrowser?.()
  await app?.close()
  await database?.drop()
})

/** The document's scroll size, and where it stands after a script tries to scroll it to the far corner. */
function scrollState(): Promise<{ scrollWidth: number; scrollHeight: number; scrolledTo: { x: number; y: number } }> {
  return page.evaluate(() => {
    const root = document.documentElement
    window.scrollTo(100_000, 100_000)
    const scrolledTo = { x: window.scrollX, y: window.scrollY }
    window.scrollTo(0, 0)
    return { scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight, scrolledTo }
  })
}

async function expectNoScroll(size: { width: number; height: number }, step: string): Promise<void> {
  const state = await scrollState()
  expect(state, step).toEqual({ scrollWidth: size.width, scrollHeight: size.height, scrolledTo: { x: 0, y: 0 } })
}

/** Resizes the window, with the document measured at once and again once the canvas is scaled for it. */
async function resize(size: { width: number; height: number }, step: string): Promise<void> {
  await page.setViewportSize(size)
  await expectNoScroll(size, `${step}, as the window changes`)
  const scale = size.width / FULL_HD.width
  await expect.poll(() => page.locator('.canvas').getAttribute('style'), { timeout: 5000 }).toContain(`scale(${scale})`)
  // One frame, so what is measured is what the window shows.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await expectNoScroll(size, step)
}

describe('a wall resized between 1920×1080 and 3840×2160', () => {
  it('never scrolls, at each step', async () => {
    await page.goto(`${baseUrl}/wall`)
    await page.locator('.canvas').waitFor()
    await expectNoScroll(FULL_HD, '1920×1080 at first')
    for (const pauseMs of PAUSES_MS) {
      await resize(UHD, `3840×2160 (round trip with ${pauseMs} ms at 4K)`)
      await page.waitForTimeout(pauseMs)
      await resize(FULL_HD, `1920×1080 again (round trip with ${pauseMs} ms at 4K)`)
      await page.waitForTimeout(1000)
      await expectNoScroll(FULL_HD, `1920×1080 a second later (round trip with ${pauseMs} ms at 4K)`)
    }
    await page.screenshot({ path: screenshotPath('wall-resized-back-1920x1080') })
  })
})
