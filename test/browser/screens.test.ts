/// <reference lib="dom" />
// The four wall screens as a leader sees them, on a server fed by the demo simulator:
// every screen at every level with its panels filled, drill-down and back, the URL
// pinning screen, region and period, a posted record on the wall within a second,
// the playlist turning, and a spliced wall using its width. Screenshots are looked at.
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENS } from '../../shared/wall-screens'
import { isoInTimeZone } from '../../server/time/zoned-time'
import { launchBrowser, screenshotPath } from '../support/browser'
import { type DemoWall, startDemoWall } from '../support/demo-wall'
import { integratorHeaders } from '../support/integrator-key'
import { VALID_USCC, complaint } from '../support/record-factory'

const LEVELS = [
  { level: 'province', code: '510000' },
  { level: 'city', code: '510100' },
  { level: 'county', code: '510104' },
] as const

let wall: DemoWall
let app: FastifyInstance
let baseUrl: string

// Judged once the history is in, with a campaign running today in five cities.
beforeAll(async () => {
  wall = await startDemoWall({ campaignId: 'screens-campaign', targetRegions: ['510100', '510300', '510400', '510500', '510600'] })
  ;({ app, baseUrl } = wall)
}, 90_000)

afterAll(() => wall?.close())

async function expectNoScrollbars(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }))
  expect(overflow).toEqual({ x: 0, y: 0 })
}

/** Every panel of the screen has something in it, and none failed. */
async function expectPanelsFilled(page: Page, screen: string): Promise<void> {
  const panels = page.locator(`[data-screen="${screen}"] [data-panel]`)
  await expect.poll(() => panels.count(), { timeout: 15_000 }).toBeGreaterThan(1)
  await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-loading]`).count(), { timeout: 15_000 }).toBe(0)
  // A panel is filled once its data came: it then says when.
  await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-panel]:not(:has([data-updated-at]))`).count(), { timeout: 15_000 }).toBe(0)
  for (const panel of await panels.all()) {
    const body = (await panel.locator('.body').innerText()).trim()
    expect(body.length, `panel ${await panel.getAttribute('data-panel')} of ${screen}`).toBeGreaterThan(0)
  }
  await expect(page.locator('[data-panel-failed]').count()).resolves.toBe(0)
}

describe('every screen at every level, 1920×1080', () => {
  let page: Page
  let closeBrowser: () => Promise<void>
  const errors: string[] = []

  beforeAll(async () => {
    const browser = await launchBrowser({ width: 1920, height: 1080 })
    closeBrowser = browser.close
    page = await browser.context.newPage()
    page.on('pageerror', (error) => errors.push(String(error)))
  })
  afterAll(() => closeBrowser?.())

  for (const screen of SCREENS) {
    for (const { level, code } of LEVELS) {
      it(`${screen} at ${level} level (${code})`, async () => {
        await page.goto(`${baseUrl}/wall/${screen}/${code}`)
        await expect.poll(() => page.locator('[data-live-status]').getAttribute('data-live-status'), { timeout: 15_000 }).toBe('live')
        await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(LEVELS.findIndex((l) => l.code === code) + 1)
        await expectPanelsFilled(page, screen)
        await expect.poll(() => page.locator(`[data-screen="${screen}"] [data-region]`).count(), { timeout: 15_000 }).toBeGreaterThan(4)
        if (level === 'county') await expect(page.locator(`[data-region="${code}"]`).getAttribute('class')).resolves.toContain('highlighted')
        await expectNoScrollbars(page)
        await page.waitForTimeout(700) // numbers settle
        await page.screenshot({ path: screenshotPath(`screen-${screen}-${level}-${code}-1920x1080`) })
        expect(errors).toEqual([])
      })
    }
  }

  it('shows the headline tiles with values, targets and the judgement against them', async () => {
    await page.goto(`${baseUrl}/wall/overview/510000`)
    const tile = page.locator('[data-metric="food_pass_rate"]')
    await expect.poll(() => tile.locator('[data-value]').textContent(), { timeout: 15_000 }).toMatch(/^\d+\.\d$/)
    await expect(tile.textContent()).resolves.toContain('目标 ≥98%')
    await expect(tile.getAttribute('data-standing')).resolves.toMatch(/^(met|near|far)$/)
  })

  it('pins screen, region and period in the URL, across a reload', async () => {
    await page.goto(`${baseUrl}/wall/overview/510100?period=7d`)
    await expect.poll(() => page.locator('[data-live-view="510100|7d"]').count(), { timeout: 15_000 }).toBe(1)
    await expect(page.locator('[data-period-link="7d"]').getAttribute('aria-current')).resolves.toBe('true')
    await page.locator('[data-screen-link="complaints"]').click()
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/wall/complaints/510100?period=7d')
    await page.reload()
    await expect.poll(() => page.locator('[data-screen="complaints"]').count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => page.locator('[data-panel="channels"] h2').textContent()).toContain('近7日')
    await page.locator('[data-period-link="ytd"]').click()
    await expect.poll(() => page.url()).toBe(`${baseUrl}/wall/complaints/510100`)
  })

  it('drills down on the map, back up with the breadcrumb, and back with the browser', async () => {
    await page.goto(`${baseUrl}/wall/inspections/510000`)
    await page.locator('[data-screen="inspections"] [data-region="510100"]').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/inspections/510100')
    await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(2)
    // Schematic county shapes can be concave, their middle outside them: the keyboard drills too.
    await page.locator('[data-screen="inspections"] [data-region="510104"]').press('Enter')
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/inspections/510104')
    await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(3)
    await page.locator('[data-breadcrumb] [data-breadcrumb-item="510000"] a').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/inspections/510000')
    await page.goBack()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/inspections/510104')
    await page.goBack()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/inspections/510100')
    await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(2)
  })

  it('shows a record posted to the API in the ticker and in today\'s tile within a second', async () => {
    await page.goto(`${baseUrl}/wall/overview/510000`)
    const today = page.locator('[data-live-view="510000|today"] [data-metric="complaints_received"] [data-value]')
    await expect.poll(() => today.textContent(), { timeout: 15_000 }).toMatch(/^\d/)
    await page.waitForTimeout(700)
    const before = Number(await today.textContent())
    const at = isoInTimeZone(new Date(), 'Asia/Shanghai')
    const response = await app.inject({ method: 'POST', url: '/api/v1/records', headers: await integratorHeaders(app), payload: [complaint({ id: 'C-screens-1', receivedAt: at, statusAt: at, entity: { uscc: VALID_USCC[1], name: '锦江区<script>alert(1)</script>测试商行' } })] })
    expect(response.statusCode).toBe(200)
    const posted = Date.now()
    const item = page.locator('[data-screen="overview"] [data-ticker-item="complaint:C-screens-1"]')
    await expect.poll(() => item.count(), { timeout: 1000, interval: 50 }).toBe(1)
    await expect.poll(async () => Number(await today.textContent()), { timeout: 1000, interval: 50 }).toBeGreaterThan(before)
    expect(Date.now() - posted).toBeLessThan(1000)
    // What came from outside is shown as text, never as markup.
    await expect(item.textContent()).resolves.toContain('<script>alert(1)</script>')
    await expect(page.locator('[data-ticker-item] script').count()).resolves.toBe(0)
  })

  it('switches to English and back, and remembers the choice', async () => {
    await page.goto(`${baseUrl}/wall/campaign/510000`)
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await expect.poll(() => page.locator('[data-screen-link="campaign"]').textContent()).toBe('Campaign')
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    await expectPanelsFilled(page, 'campaign')
    await page.reload()
    await expect.poll(() => page.locator('[data-screen-link="campaign"]').textContent(), { timeout: 15_000 }).toBe('Campaign')
    await page.waitForTimeout(700)
    await page.screenshot({ path: screenshotPath('screen-campaign-province-510000-en-1920x1080') })
    await page.getByRole('button', { name: '切换到中文' }).click()
    await expect.poll(() => page.locator('[data-screen-link="campaign"]').textContent()).toBe('专项行动')
  })

  it('speaks English at province and city level: no Chinese in the header, breadcrumb, map labels or rankings', async () => {
    const CJK = /[\u3400-\u9fff]/
    const texts = (selector: string) => page.locator(selector).allTextContents()
    await page.goto(`${baseUrl}/wall/overview/510000`)
    await page.evaluate(() => localStorage.setItem('regdeck.locale', 'en'))
    for (const code of ['510000', '510100']) {
      await page.goto(`${baseUrl}/wall/overview/${code}`)
      await expectPanelsFilled(page, 'overview')
      await expect.poll(() => page.locator('[data-panel="map"] .labels text').count(), { timeout: 15_000 }).toBeGreaterThan(1)
      await expect.poll(() => page.locator('[data-ranking-region]').count(), { timeout: 15_000 }).toBeGreaterThan(4)
      await expect(page.locator('header h1').textContent()).resolves.toBe('Sichuan Market Regulation Command Centre')
      // The language switch says 中文 on purpose: it is for the reader of Chinese.
      const shown = [...(await texts('header .product, header h1, header .right > :not(.lang)')), ...(await texts('[data-breadcrumb]')), ...(await texts('[data-panel="map"] .labels text')), ...(await texts('[data-ranking-region] .name'))]
      expect(shown.filter((text) => CJK.test(text))).toEqual([])
      await page.waitForTimeout(700)
      await page.screenshot({ path: screenshotPath(`screen-overview-${code}-en-1920x1080`) })
    }
    // Where it is tight, the prefectures by their official short forms, the districts by their place names.
    await page.goto(`${baseUrl}/wall/overview/510000`)
    await expect.poll(() => page.locator('[data-ranking-region="513300"] .name').textContent(), { timeout: 15_000 }).toBe('Garzê')
    await page.goto(`${baseUrl}/wall/overview/510100`)
    await expect.poll(() => page.locator('[data-ranking-region="510104"] .name').textContent(), { timeout: 15_000 }).toBe('Jinjiang')
    // The Chinese wall calls the long autonomous prefectures by their customary short forms where it is tight.
    await page.evaluate(() => localStorage.setItem('regdeck.locale', 'zh-CN'))
    await page.goto(`${baseUrl}/wall/overview/510000`)
    await expect.poll(() => page.locator('[data-ranking-region="513200"] .name').textContent(), { timeout: 15_000 }).toBe('阿坝州')
    await expect(page.locator('header h1').textContent()).resolves.toBe('四川省市场监管指挥中心')
  })

  it('rotates a playlist by the clock, and picks up where it stands after a reload', async () => {
    await page.goto(`${baseUrl}/wall?playlist=overview,complaints&interval=5`)
    const shownScreen = () => page.locator('[data-screen]').first().getAttribute('data-screen')
    await expect.poll(shownScreen, { timeout: 15_000 }).toMatch(/^(overview|complaints)$/)
    const first = await shownScreen()
    await expect.poll(shownScreen, { timeout: 7_000, interval: 200 }).not.toBe(first)
    const second = await shownScreen()
    expect(second).toMatch(/^(overview|complaints)$/)
    const playlist = ['overview', 'complaints']
    const index = Number(await page.locator('[data-playlist-index]').getAttribute('data-playlist-index'))
    expect(playlist[index]).toBe(second)
    await page.reload()
    // After a reload the slot follows the clock: the screen the clock says, which is the same
    // one unless a turn fell during the reload.
    await expect.poll(() => page.locator('[data-playlist-index]').count(), { timeout: 15_000 }).toBe(1)
    const clockSlot = () => Math.floor(Date.now() / 5000) % 2
    await expect.poll(async () => (await shownScreen()) === playlist[clockSlot()], { timeout: 3_000 }).toBe(true)
    await expect.poll(async () => Number(await page.locator('[data-playlist-index]').getAttribute('data-playlist-index')) === clockSlot(), { timeout: 3_000 }).toBe(true)
    // A kiosk shows no cursor.
    await expect(page.locator('[data-canvas-width]').evaluate((node) => getComputedStyle(node).cursor)).resolves.toBe('none')
  })

  it('turns to the next screen with the data it holds: no new loads, no new subscriptions', async () => {
    let recording = false
    const loads: string[] = []
    const subscribes: string[] = []
    page.on('request', (request) => {
      if (recording && new URL(request.url()).pathname.startsWith('/api/')) loads.push(request.url())
    })
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (recording && String(payload).includes('"subscribe"')) subscribes.push(String(payload))
      }),
    )
    await page.goto(`${baseUrl}/wall?playlist=overview,complaints&interval=5`)
    const screenAt = async () => ((await page.locator('[data-playlist-index]').getAttribute('data-playlist-index')) === '0' ? 'overview' : 'complaints')
    await expect.poll(() => page.locator('[data-playlist-index]').count(), { timeout: 15_000 }).toBe(1)
    const before = await screenAt()
    await expectPanelsFilled(page, before)
    recording = true
    await expect.poll(screenAt, { timeout: 7_000, interval: 20 }).not.toBe(before)
    await page.waitForTimeout(1500)
    expect(loads).toEqual([])
    expect(subscribes).toEqual([])
  })
})

describe.each([
  { width: 3840, height: 2160, across: 1 },
  { width: 5760, height: 1080, across: 3 },
])('every screen at $width×$height', ({ width, height, across }) => {
  let page: Page
  let closeBrowser: () => Promise<void>

  beforeAll(async () => {
    const browser = await launchBrowser({ width, height })
    closeBrowser = browser.close
    page = await browser.context.newPage()
  })
  afterAll(() => closeBrowser?.())

  for (const screen of SCREENS) {
    it(`${screen}, with ${across} screen(s) side by side`, async () => {
      await page.goto(`${baseUrl}/wall/${screen}/510000`)
      await expect.poll(() => page.locator('[data-screen]').count(), { timeout: 15_000 }).toBe(across)
      await expect(page.locator('[data-screen]').first().getAttribute('data-screen')).resolves.toBe(screen)
      await expectPanelsFilled(page, screen)
      await expectNoScrollbars(page)
      // Scaled, not stretched: the canvas keeps the design height and its text size.
      const canvas = await page.locator('[data-canvas-width]').evaluate((node) => ({ width: Number(node.getAttribute('data-canvas-width')), transform: getComputedStyle(node).transform }))
      expect(canvas.width).toBe(Math.round((width / height) * 1080))
      await page.waitForTimeout(700)
      await page.screenshot({ path: screenshotPath(`screen-${screen}-province-510000-${width}x${height}`) })
    })
  }
})
