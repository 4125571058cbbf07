// The wall and who is looking at it, in Chromium against a real server: a wall PC's screen URL
// trades its token for a cookie and drops it from the address bar, the wall starts at the
// screen's scope and climbs no higher, a region outside the scope says so, a revoked token and
// a browser nobody knows are sent to log in, and a demo server's screens say 演示环境.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTokenHolder, revokeTokenHolder } from '../../server/access/token-holders-repository'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { screenshotPath } from '../support/browser'

// A trickle of live records over one day of history: figures to look at, little to compute.
const DEMO_ENV = { REGDECK_DEMO: '1', REGDECK_DEMO_SPEED: '1', REGDECK_DEMO_HISTORY_DAYS: '1', REGDECK_HEARTBEAT_MS: '1000' }
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]

interface Tokens {
  chengdu: string
  jinjiang: string
  playlist: string
  revoked: string
}

async function makeScreens(browsed: { app: BrowsedApp['app'] }): Promise<Tokens> {
  const db = browsed.app.database.db
  const screen = async (name: string, region: string, playlist?: string) => createTokenHolder(db, { kind: 'screen', name, region, playlist }, 'test:access-wall')
  const chengdu = await screen('chengdu-hall', '510100')
  const jinjiang = await screen('jinjiang-lobby', '510104')
  const playlist = await screen('jinjiang-rotation', '510104', 'campaign,complaints')
  const revoked = await screen('retired', '510100')
  await revokeTokenHolder(db, revoked.id, 'test:access-wall')
  return { chengdu: chengdu.token, jinjiang: jinjiang.token, playlist: playlist.token, revoked: revoked.token }
}

const message = (page: Page) => page.locator('[data-login-message]')
const crumbs = (page: Page) => page.locator('[data-breadcrumb] [data-breadcrumb-item]')
/** each breadcrumb level's code, and whether it links */
const crumbLinks = (page: Page) =>
  crumbs(page).evaluateAll((items) => items.map((item) => [item.getAttribute('data-breadcrumb-item'), item.querySelector('a') !== null] as const))

describe('a demo server that lets anyone look', () => {
  let browsed: BrowsedApp
  let page: Page
  let baseUrl: string
  let tokens: Tokens

  beforeAll(async () => {
    browsed = await browseTestApp(DEMO_ENV)
    ;({ page, baseUrl } = browsed)
    tokens = await makeScreens(browsed)
  })
  afterAll(() => browsed?.close())
  beforeEach(async () => {
    await page.context().clearCookies()
    await page.setViewportSize({ width: 1920, height: 1080 })
    browsed.refused.length = 0
  })

  it('says 演示环境 on the wall, legibly, at both sizes, and Demo environment in English', async () => {
    await page.goto(`${baseUrl}/wall`)
    const badge = page.locator('[data-demo-badge]')
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('演示环境')
    await expect.poll(() => page.locator('[data-region]').count(), { timeout: 15_000 }).toBe(21)
    for (const size of SIZES) {
      await page.setViewportSize(size)
      // Read at the wall's scale: at least 20 px tall on 1080 lines, twice that on 2160.
      await expect.poll(async () => (await badge.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual((size.height / 1080) * 30)
      await page.screenshot({ path: screenshotPath(`access-demo-wall-${size.width}x${size.height}`) })
    }
    // Over no figure: it sits in the header, above the first panel.
    const badgeBox = (await badge.boundingBox())!
    const firstPanel = (await page.locator('[data-panel]').first().boundingBox())!
    expect(badgeBox.y + badgeBox.height).toBeLessThanOrEqual(firstPanel.y)
    await page.locator('button[aria-label="Switch to English"]').click()
    await expect.poll(() => badge.textContent()).toBe('Demo environment')
    // The longer English words stay clear of the title beside them.
    const titleBox = (await page.locator('header h1').boundingBox())!
    expect((await badge.boundingBox())!.x + (await badge.boundingBox())!.width).toBeLessThan(titleBox.x)
    await page.screenshot({ path: screenshotPath('access-demo-wall-en-3840x2160') })
    await page.locator('button[aria-label="切换到中文"]').click()
    expect(browsed.refused).toEqual([])
  })

  it("trades a screen URL's token for an HttpOnly cookie, drops it from the address bar and starts at the screen's city", async () => {
    const response = await page.goto(`${baseUrl}/wall?screen=${tokens.chengdu}`)
    // The token went through one redirect and never reached the page's address bar or history.
    expect(response?.request().redirectedFrom()?.url()).toBe(`${baseUrl}/wall?screen=${tokens.chengdu}`)
    await page.waitForURL(`${baseUrl}/wall/overview/510100`)
    expect(await page.evaluate(() => `${location.href} ${history.length}`)).not.toContain('rds_')
    const cookies = await page.context().cookies()
    expect(cookies.filter((cookie) => cookie.name === 'regdeck_screen')).toEqual([
      expect.objectContaining({ value: tokens.chengdu, httpOnly: true, sameSite: 'Lax', path: '/' }),
    ])
    expect(await page.evaluate(() => document.cookie)).not.toContain('rds_')
    await expect.poll(() => page.locator('[data-region-totals]').getAttribute('data-region-totals'), { timeout: 15_000 }).toBe('510100')
    await expect.poll(() => page.locator('[data-region]').count(), { timeout: 15_000 }).toBe(20)
    // The province is named, not linked: a Chengdu screen goes no higher.
    await expect.poll(() => crumbLinks(page)).toEqual([
      ['510000', false],
      ['510100', false],
    ])
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await page.screenshot({ path: screenshotPath(`access-chengdu-screen-${size.width}x${size.height}`) })
    }
    await page.setViewportSize(SIZES[0]!)
    // Down into a county, the city links back up; the province still does not.
    // Small on Chengdu's map (锦江区 is a few pixels across), where a neighbour's glow overlaps it: the click is sent to it directly.
    await page.locator('[data-region="510104"]').dispatchEvent('click')
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/overview/510104')
    await expect.poll(() => crumbLinks(page)).toEqual([
      ['510000', false],
      ['510100', true],
      ['510104', false],
    ])
    // A Chengdu scope reads its city: the county is ranked among its neighbours' figures, as before.
    await expect.poll(() => page.locator('[data-ranking-region]').count(), { timeout: 15_000 }).toBe(20)
    expect(browsed.refused).toEqual([])
  }, 90_000)

  it.each([
    ['/wall/overview/510700', '510700', '地区“510700”不在您的权限范围内', 'Region "510700" is outside your scope'],
    ['/wall/complaints/510000?period=7d', '510000', '地区“510000”不在您的权限范围内', 'Region "510000" is outside your scope'],
  ])('says %s is outside a Chengdu screen’s scope instead of showing it', async (path, region, chinese, english) => {
    await page.goto(`${baseUrl}/wall?screen=${tokens.chengdu}`)
    await page.waitForURL(`${baseUrl}/wall/overview/510100`)
    await page.goto(`${baseUrl}${path}`)
    const problem = page.locator('[data-url-problem="outside_scope"]')
    await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toBe(chinese)
    expect(await page.locator('[data-panel]:not([data-panel="wrong-url"])').count()).toBe(0)
    expect(await page.locator(`[data-region="${region}"]`).count()).toBe(0)
    // The way back leads to the top of the scope, not to the province it may not see.
    const back = page.locator('[data-overview-link]')
    expect(await back.getAttribute('href')).toBe('/wall/overview/510100')
    await expect.poll(() => back.textContent()).toBe('前往成都市总览')
    await page.screenshot({ path: screenshotPath(`access-outside-scope-${region}-1920x1080`) })
    await page.locator('button[aria-label="Switch to English"]').click()
    await expect.poll(() => problem.textContent()).toBe(english)
    await page.locator('button[aria-label="切换到中文"]').click()
  })

  it("plays a screen's playlist at its county when the URL names none", async () => {
    await page.goto(`${baseUrl}/wall?screen=${tokens.playlist}`)
    await page.waitForURL(`${baseUrl}/wall?playlist=campaign,complaints&regions=510104`)
    await expect.poll(() => page.locator('[data-playlist-length]').getAttribute('data-playlist-length'), { timeout: 15_000 }).toBe('2')
  })

  it('sends a revoked screen token to the login page, which says the token is not valid, and sets no cookie', async () => {
    // A browser that held a good screen keeps nothing of it: the new URL meant to replace it.
    await page.goto(`${baseUrl}/wall?screen=${tokens.jinjiang}`)
    await page.waitForURL(`${baseUrl}/wall/overview/510104`)
    await page.goto(`${baseUrl}/wall/overview/510100?period=7d&screen=${tokens.revoked}`)
    await page.waitForURL(`${baseUrl}/login?next=${encodeURIComponent('/wall/overview/510100?period=7d')}&screen=invalid`)
    await expect.poll(() => message(page).textContent()).toBe('此大屏地址的令牌无效或已被吊销，请向管理员索取新的大屏地址，或登录后查看')
    expect(page.url()).not.toContain('rds_')
    expect((await page.context().cookies()).filter((cookie) => cookie.name === 'regdeck_screen')).toEqual([])
    await page.screenshot({ path: screenshotPath('access-invalid-screen-1920x1080') })
    expect(browsed.refused).toEqual([])
  })
})

describe('a server that lets nobody look without credentials (REGDECK_ANONYMOUS=off)', () => {
  let browsed: BrowsedApp
  let page: Page
  let baseUrl: string
  let tokens: Tokens

  beforeAll(async () => {
    browsed = await browseTestApp({ REGDECK_ANONYMOUS: 'off', REGDECK_HEARTBEAT_MS: '1000' })
    ;({ page, baseUrl } = browsed)
    tokens = await makeScreens(browsed)
  })
  afterAll(() => browsed?.close())
  beforeEach(() => page.context().clearCookies())

  it('sends a browser with no cookie to log in, and back to the same page after', async () => {
    const wall = '/wall/complaints/510100?period=7d'
    await page.goto(`${baseUrl}${wall}`)
    await page.waitForURL(`${baseUrl}/login?next=${encodeURIComponent(wall)}&expired=1`)
    await expect.poll(() => message(page).textContent()).toBe('登录已过期，请重新登录')
    expect(await page.locator('[data-login-form]').count()).toBe(1)
  })

  it("opens a screen's wall with its cookie alone, with no 演示环境 badge on a server without demo data", async () => {
    await page.goto(`${baseUrl}/wall/overview/510104?screen=${tokens.jinjiang}`)
    await page.waitForURL(`${baseUrl}/wall/overview/510104`)
    await expect.poll(() => page.locator('[data-region-totals]').getAttribute('data-region-totals'), { timeout: 15_000 }).toBe('510104')
    await expect.poll(() => crumbLinks(page)).toEqual([
      ['510000', false],
      ['510100', false],
      ['510104', false],
    ])
    // A county is drawn on its city's map among its neighbours; they are not this screen's to open.
    const neighbour = page.locator('[data-region="510105"]')
    await expect.poll(() => neighbour.count(), { timeout: 15_000 }).toBe(1)
    await neighbour.dispatchEvent('click')
    await page.waitForTimeout(500)
    expect(new URL(page.url()).pathname).toBe('/wall/overview/510104')
    expect(await page.locator('[data-demo-badge]').count()).toBe(0)
    expect(browsed.refused).toEqual([])
  })
})
