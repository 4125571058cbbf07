/// <reference lib="dom" />
// A wall opened on a wrong address, as a person sees it: it says plainly what is wrong, in the
// wall's language and never in the server's English, leads to the province's overview, shows no
// tab, heading or green badge for what it refuses, and does not ask again for what can never be.
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, listenForBrowser, screenshotPath } from '../support/browser'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

interface WrongUrl {
  name: string
  url: string
  /** the value that is wrong, never to be shown as a tab or heading */
  bad: string
  zh: string
  en: string
}

const WRONG_URLS: WrongUrl[] = [
  { name: 'period', url: '/wall/overview/510000?period=garbage', bad: 'garbage', zh: '时段“garbage”无法识别，可用：今日（today）、近7日（7d）', en: 'Period "garbage" is not one the wall knows; use Today (today)' },
  { name: 'region', url: '/wall/overview/999999', bad: '999999', zh: '地区代码“999999”不是四川省的地区', en: 'Region code "999999" is not a region of Sichuan Province' },
  { name: 'screen', url: '/wall/nosuchscreen/510000', bad: 'nosuchscreen', zh: '页面“nosuchscreen”不存在，可用：总览（overview）', en: 'There is no screen "nosuchscreen"; the screens are Overview (overview)' },
  { name: 'campaign', url: '/wall/campaign/510000?period=campaign:nosuch', bad: 'nosuch', zh: '专项行动“nosuch”不存在', en: 'There is no campaign "nosuch"' },
]
/** longer than every retry interval of the wall (5 s) */
const QUIET_MS = 7_000

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string
let page: Page
let closeBrowser: () => Promise<void>
/** what the page asked since the count was last reset: HTTP requests and live views asked for on the socket */
const asked: string[] = []

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_HEARTBEAT_MS: '1000' })
  baseUrl = await listenForBrowser(app)
  const browser = await launchBrowser({ width: 1920, height: 1080 })
  closeBrowser = browser.close
  page = await browser.context.newPage()
  page.on('request', (request) => asked.push(`${request.method()} ${request.url()}`))
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      if (/"(subscribe|resync)"/.test(String(payload))) asked.push(`socket ${String(payload)}`)
    }),
  )
})

afterAll(async () => {
  await closeBrowser?.()
  await app?.close()
  await database?.drop()
})

const message = () => page.locator('[data-wrong-url] [data-url-problem]').first().textContent()
const overviewLink = () => page.locator('[data-wrong-url] [data-overview-link]')

/** Opens the wrong URL and waits until it has said what is wrong and has the province to lead to. */
async function open(wrong: WrongUrl, text: string, link: string): Promise<void> {
  await page.goto(`${baseUrl}${wrong.url}`)
  await expect.poll(message, { timeout: 15_000 }).toContain(text)
  await expect.poll(() => overviewLink().textContent(), { timeout: 5000 }).toBe(link)
}

/** No tab, heading or title shows the wrong value, and no badge vouches for a view that is not there. */
async function expectNothingShownAsIfRight(wrong: WrongUrl): Promise<void> {
  const labels = await page.locator('nav a, nav span, h1, h2, h3, [data-breadcrumb]').allTextContents()
  expect(labels.filter((label) => label.includes(wrong.bad))).toEqual([])
  await expect(page.locator('[data-live-status]').count()).resolves.toBe(0)
  await expect(page.locator('[data-panel]:not([data-panel="wrong-url"])').count()).resolves.toBe(0)
}

/** Nothing is asked again: no request and no live view over longer than any retry interval. */
async function expectNoRequestLoop(): Promise<void> {
  asked.length = 0
  await page.waitForTimeout(QUIET_MS)
  expect(asked).toEqual([])
}

describe('a wrong wall URL, in Chinese', () => {
  it.each(WRONG_URLS)('$url says what is wrong and asks nothing again', async (wrong) => {
    await open(wrong, wrong.zh, '前往四川省总览')
    await expect(page.locator('[data-wrong-url] h2').textContent()).resolves.toBe('无法显示此页面')
    await expectNothingShownAsIfRight(wrong)
    await page.screenshot({ path: screenshotPath(`wrong-url-${wrong.name}-zh-1920x1080`) })
    await expectNoRequestLoop()
    // Still no badge, and no English from the server, once everything has had time to answer.
    await expectNothingShownAsIfRight(wrong)
    const text = await page.locator('[data-wrong-url]').innerText()
    expect(text).not.toMatch(/is not a map region|not a period|does not exist|Failed to load/)
  })

  it('says every problem of an address at once', async () => {
    await page.goto(`${baseUrl}/wall/weather/5101?period=2026-03-02..2026-03-01`)
    const problems = page.locator('[data-wrong-url] [data-url-problem]')
    await expect.poll(() => problems.allTextContents(), { timeout: 15_000 }).toEqual([
      '页面“weather”不存在，可用：总览（overview）、专项行动（campaign）、投诉举报（complaints）、检查抽检（inspections）',
      '地区代码“5101”不是六位行政区划代码',
      '时段“2026-03-02..2026-03-01”的开始日期晚于结束日期',
    ])
    await page.screenshot({ path: screenshotPath('wrong-url-three-problems-zh-1920x1080') })
  })

  it('leads to the province overview', async () => {
    const [wrong] = WRONG_URLS as [WrongUrl]
    await open(wrong, wrong.zh, '前往四川省总览')
    await expect(overviewLink().getAttribute('href')).resolves.toBe('/wall/overview/510000')
    await overviewLink().click()
    await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe('/wall/overview/510000')
    await expect.poll(() => page.locator('[data-screen="overview"]').count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => page.locator('[data-live-status]').getAttribute('data-live-status'), { timeout: 15_000 }).toBe('live')
    await expect(page.locator('[data-wrong-url]').count()).resolves.toBe(0)
  })
})

describe('a wrong wall URL, after switching to English', () => {
  it.each(WRONG_URLS.filter((wrong) => wrong.name === 'period' || wrong.name === 'region'))('$url says what is wrong in English', async (wrong) => {
    await open(wrong, wrong.zh, '前往四川省总览')
    await page.locator('button.lang').click()
    await expect.poll(message).toContain(wrong.en)
    await expect(overviewLink().textContent()).resolves.toBe('Go to the Sichuan Province overview')
    await expect(page.locator('[data-wrong-url] h2').textContent()).resolves.toBe('This page cannot be shown')
    await expectNothingShownAsIfRight(wrong)
    await page.screenshot({ path: screenshotPath(`wrong-url-${wrong.name}-en-1920x1080`) })
    // Back to Chinese (remembered), for whatever the browser opens next.
    await page.locator('button.lang').click()
    await expect.poll(message).toContain(wrong.zh)
  })
})
