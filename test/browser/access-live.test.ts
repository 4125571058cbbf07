// The live socket's word on access, in Chromium against a real server: a screen whose token is
// revoked while the wall shows goes to the login page that says so, a county screen's map shows
// its neighbours' outlines but none of its city's figures (and never asks for the city), and an
// account that reads no region is told the wall is not for it.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../../server/access/passwords'
import { createTokenHolder, revokeTokenHolder } from '../../server/access/token-holders-repository'
import { createUser } from '../../server/access/users-repository'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { screenshotPath } from '../support/browser'

// Heartbeats (and so the server's checks of each socket's credentials) every half second.
const ENV = { REGDECK_ANONYMOUS: 'off', REGDECK_DEMO: '1', REGDECK_DEMO_SPEED: '1', REGDECK_DEMO_HISTORY_DAYS: '1', REGDECK_HEARTBEAT_MS: '500' }
const PASSWORD = 'correct horse battery'
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }

describe('the live socket and access', () => {
  let browsed: BrowsedApp
  let page: Page
  let baseUrl: string
  /** what the page sent on its websockets, and its console errors, since the test began */
  const sent: string[] = []
  const errors: string[] = []

  beforeAll(async () => {
    browsed = await browseTestApp(ENV, async (app) => {
      await createUser(app.database.db, { username: 'wangfang', passwordHash: await hashPassword(PASSWORD, TEST_COST), role: 'admin', region: '510100' }, 'test:access-live')
    })
    ;({ page, baseUrl } = browsed)
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(String(error)))
  })
  afterAll(() => browsed?.close())
  beforeEach(async () => {
    // The last test's page is gone before its messages are cleared: a request it had in flight
    // (the login page's session check, 401) must not count as this test's.
    await page.goto('about:blank')
    await page.context().clearCookies()
    await page.setViewportSize({ width: 1920, height: 1080 })
    sent.length = 0
    errors.length = 0
    browsed.refused.length = 0
  })

  const screen = (name: string, region: string) => createTokenHolder(browsed.app.database.db, { kind: 'screen', name, region }, 'test:access-live')

  it('sends a screen whose token is revoked while it shows to the login page, within a few heartbeats', async () => {
    const doomed = await screen('doomed-hall', '510100')
    await page.goto(`${baseUrl}/wall?screen=${doomed.token}`)
    await page.waitForURL(`${baseUrl}/wall/overview/510100`)
    await expect.poll(() => page.locator('[data-region]').count(), { timeout: 15_000 }).toBe(20)
    await revokeTokenHolder(browsed.app.database.db, doomed.id, 'test:access-live')
    const revokedAt = Date.now()
    await page.waitForURL(`${baseUrl}/login?next=${encodeURIComponent('/wall/overview/510100')}&screen=invalid`, { timeout: 5_000 })
    expect(Date.now() - revokedAt).toBeLessThan(5_000)
    await expect.poll(() => page.locator('[data-login-message]').textContent()).toBe('此大屏地址的令牌无效或已被吊销，请向管理员索取新的大屏地址，或登录后查看')
  }, 60_000)

  it("draws a county screen's neighbours as outlines without figures and never asks for its city", async () => {
    const jinjiang = await screen('jinjiang-lobby', '510104')
    await page.goto(`${baseUrl}/wall/overview/510104?screen=${jinjiang.token}`)
    await page.waitForURL(`${baseUrl}/wall/overview/510104`)
    const lit = page.locator('[data-region="510104"]')
    // The county, lit, coloured by its own value: one class, its own figure the legend's only range.
    await expect.poll(() => lit.evaluate((path) => path.classList.contains('highlighted') && (path as SVGPathElement).style.fill !== ''), { timeout: 15_000 }).toBe(true)
    const neighbours = page.locator('[data-panel="map"] [data-region]:not([data-region="510104"])')
    await expect.poll(() => neighbours.count()).toBe(19)
    // No neighbour has a colour of the scale, nor a place in the ranking.
    expect(await neighbours.evaluateAll((paths) => paths.filter((path) => (path as SVGPathElement).style.fill !== '').length)).toBe(0)
    expect(await page.locator('[data-map-legend] .class').count()).toBe(1)
    expect(await page.locator('[data-ranking-region]').count()).toBe(0)
    // Its own view was asked for; its city's never (the server would refuse it).
    await page.waitForTimeout(1_500)
    const subscriptions = sent.filter((frame) => frame.includes('"subscribe"') || frame.includes('"resync"'))
    expect(subscriptions.some((frame) => frame.includes('"510104"'))).toBe(true)
    expect(sent.filter((frame) => frame.includes('"510100"'))).toEqual([])
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ]) {
      await page.setViewportSize(size)
      await page.waitForTimeout(500)
      await page.screenshot({ path: screenshotPath(`access-county-screen-${size.width}x${size.height}`) })
    }
    expect(errors).toEqual([])
    expect(browsed.refused).toEqual([])
  }, 60_000)

  it('tells an admin who opens the wall that the account cannot view it, with the way to the admin pages', async () => {
    const login = await page.request.post(`${baseUrl}/api/v1/session`, { data: { username: 'wangfang', password: PASSWORD } })
    expect(login.status()).toBe(200)
    await page.goto(`${baseUrl}/wall`)
    const notice = page.locator('[data-no-wall-rights] [role="alert"] p')
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toBe('此账号无权查看大屏')
    expect(await page.locator('[data-no-wall-rights] [data-admin-link]').getAttribute('href')).toBe('/admin')
    await page.screenshot({ path: screenshotPath('access-no-wall-rights-1920x1080') })
    await page.locator('button[aria-label="Switch to English"]').click()
    await expect.poll(() => notice.textContent()).toBe('This account cannot view the wall')
    await page.locator('button[aria-label="切换到中文"]').click()
  }, 60_000)
})
