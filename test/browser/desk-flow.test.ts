/// <reference lib="dom" />
// The duty desk end to end, on the server's own alert and task routes and its live socket: the
// duty officer at 成都市 dispatches a task from an alert on /desk, the 锦江区 officer acknowledges
// and answers it in a browser context of its own, the duty officer closes it, and the wall's 督办
// panel moves within a second of the dispatch and of the close.
// Needs server/alerts and server/tasks (issue 16): on a branch without them the routes answer 404.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { launchBrowser } from '../support/browser'
import { addUser, loginBody } from '../support/principals'
import { integratorHeaders } from '../support/integrator-key'
import { enforcementCase } from '../support/record-factory'
import { isoInTimeZone } from '../../server/time/zoned-time'

const DUTY = 'zhangmin'
const UNIT = 'jinjiang'
const MAJOR_CASE = enforcementCase({ id: 'K-desk-flow', major: true, openedAt: isoInTimeZone(new Date(), 'Asia/Shanghai'), statusAt: isoInTimeZone(new Date(), 'Asia/Shanghai') })

let browsed: BrowsedApp
let duty: Page
let wall: Page
let unit: Page
let unitContext: { context: BrowserContext; close(): Promise<void> }

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000' }, async (app) => {
    await addUser(app, DUTY, 'duty_officer', '510100')
    await addUser(app, UNIT, 'region_officer', '510104')
    // A 挂牌督办 case opened in 锦江区: the major_case rule raises its alert at once.
    const stored = await app.inject({ method: 'POST', url: '/api/v1/records', headers: await integratorHeaders(app), payload: MAJOR_CASE })
    expect(stored.statusCode).toBe(200)
  })
  duty = browsed.page
  wall = await duty.context().newPage()
  unitContext = await launchBrowser({ width: 1920, height: 1080 })
  unit = await unitContext.context.newPage()
})
afterAll(async () => {
  await unitContext?.close()
  await browsed?.close()
})

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${browsed.baseUrl}/desk`)
  await page.waitForURL(/\/login\?next=%2Fdesk/)
  const form = page.locator('[data-login-form]')
  await form.locator('input[name="username"]').fill(loginBody(username).username)
  await form.locator('input[name="password"]').fill(loginBody(username).password)
  await form.locator('input[name="password"]').press('Enter')
  await page.waitForURL(`${browsed.baseUrl}/desk`)
}

const figure = (name: string) => wall.locator(`[data-panel="tasks"] [data-task-figure="${name}"] dd`).textContent()

describe('a task from an alert to its close', () => {
  it('is dispatched on /desk and shows on the wall within a second', async () => {
    await wall.goto(`${browsed.baseUrl}/wall/overview/510100`)
    await expect.poll(() => figure('open'), { timeout: 15_000 }).toBe('0')
    await logIn(duty, DUTY)
    // The rules' own alert, raised by the evaluation loop once the case was committed.
    const raised = () => browsed.app.database.db.selectFrom('alerts').select('id').where('subject', '=', MAJOR_CASE.id).where('state', '=', 'firing').executeTakeFirst()
    await expect.poll(raised, { timeout: 15_000 }).toBeDefined()
    const alert = duty.locator(`[data-alert-row="${(await raised())?.id}"]`)
    await alert.waitFor({ timeout: 15_000 })
    await alert.locator('[data-alert-action="dispatch"]').click()
    const form = duty.locator('[data-dispatch-form]')
    await expect.poll(() => form.locator('select[name="region"]').inputValue()).toBe('510104')
    await form.locator('[data-dispatch-submit]').click()
    await duty.locator('[data-task-detail][data-task-state="assigned"]').waitFor()
    await expect.poll(() => figure('open'), { timeout: 1000, interval: 50 }).toBe('1')
    await expect(duty.locator('[data-column="assigned"] [data-task-card]').count()).resolves.toBe(1)
  })

  it('is acknowledged and answered by the county officer in a context of its own', async () => {
    await logIn(unit, UNIT)
    const card = unit.locator('[data-column="assigned"] [data-task-card]')
    await card.waitFor({ timeout: 15_000 })
    await card.click()
    await unit.locator('[data-task-action="acknowledge"]').click()
    await unit.locator('[data-task-detail][data-task-state="acknowledged"]').waitFor()
    await unit.locator('[data-task-action="feedback"]').click()
    await unit.locator('[data-step-form="feedback"] textarea').fill('已现场检查，不合格批次已下架封存。')
    await unit.locator('[data-step-submit]').click()
    await unit.locator('[data-task-detail][data-task-state="answered"]').waitFor()
    await expect(unit.locator('[data-task-history] li').count()).resolves.toBe(3)
  })

  it('is closed by the duty officer, and the wall counts it closed today within a second', async () => {
    await duty.locator('[data-drawer-close]').click()
    await duty.locator('[data-task-card]').first().click()
    await duty.locator('[data-task-detail][data-task-state="answered"]').waitFor()
    await expect(duty.locator('[data-task-history]').textContent()).resolves.toContain('已现场检查')
    await duty.locator('[data-task-action="close"]').click()
    await duty.locator('[data-step-submit]').click()
    await duty.locator('[data-task-detail][data-task-state="closed"]').waitFor()
    await expect.poll(() => figure('closedToday'), { timeout: 1000, interval: 50 }).toBe('1')
    await expect(figure('open')).resolves.toBe('0')
    await expect.poll(() => duty.locator('[data-column="closed_today"] [data-task-card]').count()).toBe(1)
  })
})
