// /login as a person uses it, in Chromium under the server's Content-Security-Policy: logging in
// lands on the wall (or on a `next` of the wall, never off the server), each refusal is said in
// the page's language and never in the server's English, and a logged-in browser sees who it is
// and can log out.
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../../server/access/passwords'
import { createUser } from '../../server/access/users-repository'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { screenshotPath } from '../support/browser'

const PASSWORD = 'correct horse battery'
// Cheap to check: a hash carries its own cost, and these tests log in often.
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
const TIME_ZONE = 'Asia/Shanghai'

let browsed: BrowsedApp
let app: FastifyInstance
let page: Page
let baseUrl: string
let refused: string[]

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000', REGDECK_TIME_ZONE: TIME_ZONE }, async (app) => {
    const passwordHash = await hashPassword(PASSWORD, TEST_COST)
    for (const username of ['liwei', 'zhaolei']) await createUser(app.database.db, { username, passwordHash, role: 'duty_officer', region: '510100' }, 'test:login')
  })
  ;({ app, page, baseUrl, refused } = browsed)
})

afterAll(() => browsed?.close())

beforeEach(async () => {
  await page.context().clearCookies()
  await page.setViewportSize({ width: 1920, height: 1080 })
  refused.length = 0
})

const form = () => page.locator('[data-login-form]')
const message = () => page.locator('[data-login-message]')
const submitButton = () => form().locator('button[type="submit"]')

async function openLogin(query = ''): Promise<void> {
  const response = await page.goto(`${baseUrl}/login${query}`)
  expect(response?.status()).toBe(200)
  expect(response?.headers()['content-security-policy']).toMatch(/default-src 'self'/)
  await form().waitFor()
}

async function fillAndSubmit(username: string, password: string): Promise<void> {
  await form().locator('input[name="username"]').fill(username)
  await form().locator('input[name="password"]').fill(password)
  await form().locator('input[name="password"]').press('Enter')
}

describe('/login', () => {
  it('asks in Chinese for 账号 and 密码, with the browser told what each field is', async () => {
    await openLogin()
    await expect.poll(() => form().textContent()).toMatch(/账号.*密码.*登录/s)
    expect(await form().locator('input[name="username"]').getAttribute('autocomplete')).toBe('username')
    expect(await form().locator('input[name="password"]').getAttribute('autocomplete')).toBe('current-password')
    await page.screenshot({ path: screenshotPath('login-form-1920x1080') })
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.screenshot({ path: screenshotPath('login-form-1366x768') })
    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.screenshot({ path: screenshotPath('login-form-3840x2160') })
    expect(refused).toEqual([])
  })

  it('says a wrong password in Chinese, then in English after the switch, and holds the button while it asks', async () => {
    await openLogin()
    // Held back until the button has been seen disabled.
    let release = () => {}
    await page.route('**/api/v1/session', async (route) => {
      if (route.request().method() === 'POST') await new Promise<void>((resolve) => (release = resolve))
      await route.continue()
    })
    await fillAndSubmit('liwei', 'not the password')
    await expect.poll(() => submitButton().isDisabled()).toBe(true)
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/session') && response.request().method() === 'POST')
    release()
    await answered
    await page.unroute('**/api/v1/session')
    await expect.poll(() => message().textContent()).toBe('账号或密码错误')
    expect(await submitButton().isDisabled()).toBe(false)
    await page.screenshot({ path: screenshotPath('login-wrong-password-1920x1080') })
    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.screenshot({ path: screenshotPath('login-wrong-password-3840x2160') })
    await page.locator('button[aria-label="Switch to English"]').click()
    await expect.poll(() => message().textContent()).toBe('Wrong username or password')
    await expect.poll(() => form().textContent()).toMatch(/Username.*Password.*Log in/s)
    await page.locator('button[aria-label="切换到中文"]').click()
    expect(refused).toEqual([])
  })

  it('says until when a locked account is locked, on the command centre clock', async () => {
    const lockedUntil = new Date(Math.ceil(Date.now() / 1000) * 1000 + 10 * 60_000)
    await app.database.db.updateTable('users').set({ failed_logins: 5, locked_until: lockedUntil }).where('username', '=', 'zhaolei').execute()
    await openLogin()
    // the page reads the command centre's zone from the live heartbeat
    await expect.poll(() => page.locator('[data-server-clock] .time').textContent(), { timeout: 10_000 }).toMatch(/^\d\d:\d\d:\d\d$/)
    await fillAndSubmit('zhaolei', PASSWORD)
    const clockAt = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms)
    // Retry-After counts whole seconds: the time said may be a second past the lock's end.
    const accepted = [0, 1000].map((late) => `密码错误次数过多，账号已锁定至 ${clockAt(lockedUntil.getTime() + late)}`)
    await expect.poll(() => message().textContent()).toMatch(/账号已锁定至/)
    expect(accepted).toContain(await message().textContent())
    expect(refused).toEqual([])
  })

  it('says the session expired when sent back with expired=1', async () => {
    await openLogin('?expired=1')
    await expect.poll(() => message().textContent()).toBe('登录已过期，请重新登录')
  })

  it('logs in and lands on the wall', async () => {
    await openLogin()
    await fillAndSubmit('liwei', PASSWORD)
    await page.waitForURL(`${baseUrl}/wall`)
    await expect.poll(() => page.locator('[data-screen="overview"] [data-panel]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(refused).toEqual([])
  })

  it('lands on a `next` of the wall', async () => {
    await openLogin(`?next=${encodeURIComponent('/wall/complaints/510100?period=7d')}`)
    await fillAndSubmit('liwei', PASSWORD)
    await page.waitForURL(`${baseUrl}/wall/complaints/510100?period=7d`)
  })

  it.each(['https://evil.example/wall', '//evil.example/wall'])('never follows a `next` off the server (%s): it lands on the wall', async (next) => {
    await openLogin(`?next=${encodeURIComponent(next)}`)
    await fillAndSubmit('liwei', PASSWORD)
    await page.waitForURL(`${baseUrl}/wall`)
  })

  it('shows who is logged in, leads to the wall, and logs out', async () => {
    await openLogin()
    await fillAndSubmit('liwei', PASSWORD)
    await page.waitForURL(`${baseUrl}/wall`)
    await page.goto(`${baseUrl}/login`)
    const loggedIn = page.locator('[data-logged-in]')
    await expect.poll(() => loggedIn.textContent()).toMatch(/当前已登录\s*liwei.*值班员 · 辖区 510100/s)
    expect(await loggedIn.locator('[data-to-wall]').getAttribute('href')).toBe('/wall')
    await page.screenshot({ path: screenshotPath('login-logged-in-1920x1080') })
    await loggedIn.locator('[data-log-out]').click()
    await form().waitFor()
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).status)
    expect(session).toBe(401)
    expect(refused).toEqual([])
  })
})
