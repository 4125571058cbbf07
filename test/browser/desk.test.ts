/// <reference lib="dom" />
// /desk (值班台) in Chromium against a real server, its session and its live socket: a browser
// without a session logs in and comes back; the duty officer's inbox, board and drawer work by
// mouse and keyboard, with the countdown's amber and red and the 已升级 mark; the region officer
// and the leader see only the buttons their roles may use. The alert and task lists are the
// contract's answers (shared/alerts.ts, shared/tasks.ts) fed to the page here: desk-flow.test.ts
// runs the same page against the server's own routes.
import type { Page, Route } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatChinaTime } from '../../server/demo/china-time'
import { ALERT_TASK_WORKING_DAYS, type TaskDetail } from '../../shared/tasks'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { alertOf, dueAfterWorkingDays, taskOf } from '../support/desk-fixtures'
import { addUser, loginBody } from '../support/principals'

const DUTY = 'zhangmin'
const UNIT = 'jinjiang'
const LEADER = 'liwei'

const now = Date.now()
const ALERTS = [
  alertOf({ id: 'al-minor', severity: 'minor', regionCode: '510105', regionName: '青羊区' }, now),
  alertOf({ id: 'al-critical', severity: 'critical', rule: 'food_failures', figures: { batches: 5 }, message: { zh: '食品抽检不合格 5 批次', en: '5 food batches failed' } }, now),
]
const TASKS: TaskDetail[] = [
  taskOf({ id: 't-new', title: '核查锦江区投诉激增' }, now),
  taskOf({ id: 't-soon', title: '督促整改抽检不合格', state: 'acknowledged', dueAt: dueAfterWorkingDays(1, now) }, now),
  taskOf({ id: 't-late', title: '清理超期积压', state: 'returned', dueAt: dueAfterWorkingDays(-2, now), escalated: true }, now),
  taskOf({ id: 't-answered', title: '核实重大案件进展', state: 'answered' }, now),
  taskOf({ id: 't-closed', title: '隐患整改复查', state: 'closed', closedAt: formatChinaTime(now - 60_000) }, now),
]

let browsed: BrowsedApp
let page: Page

const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000' }, async (app) => {
    await addUser(app, DUTY, 'duty_officer', '510100')
    await addUser(app, UNIT, 'region_officer', '510104')
    await addUser(app, LEADER, 'leader', '510100')
  })
  page = browsed.page
  const askedRegion = (route: Route) => new URL(route.request().url()).searchParams.get('region')
  await page.route(/\/api\/v1\/alerts\?/, (route) => json(route, { regionCode: askedRegion(route), alerts: ALERTS }))
  await page.route(/\/api\/v1\/tasks\?/, (route) => json(route, { regionCode: askedRegion(route), tasks: TASKS }))
  await page.route(/\/api\/v1\/tasks\/[^/?]+$/, (route) => json(route, TASKS.find((task) => route.request().url().endsWith(`/${task.id}`))))
})
afterAll(() => browsed?.close())
beforeEach(async () => {
  await page.context().clearCookies()
  await page.setViewportSize({ width: 1920, height: 1080 })
})

async function logInAt(username: string): Promise<void> {
  await page.goto(`${browsed.baseUrl}/desk`)
  await page.waitForURL(/\/login\?next=%2Fdesk/)
  const form = page.locator('[data-login-form]')
  await form.locator('input[name="username"]').fill(loginBody(username).username)
  await form.locator('input[name="password"]').fill(loginBody(username).password)
  await form.locator('input[name="password"]').press('Enter')
  await page.waitForURL(`${browsed.baseUrl}/desk`)
  await page.locator('[data-desk] [data-signed-in]').waitFor()
}

const card = (id: string) => page.locator(`[data-task-card="${id}"]`)

describe('/desk', () => {
  it('sends a browser without a session to log in, and back to the desk', async () => {
    await logInAt(DUTY)
    await expect(page.locator('[data-signed-in]').textContent()).resolves.toMatch(/zhangmin · 值班员/)
    await expect(page.locator('[data-column]').count()).resolves.toBe(5)
  })

  it('shows the duty officer the inbox most severe first with its actions, and the board with its clocks', async () => {
    await logInAt(DUTY)
    const rows = page.locator('[data-alert-row]')
    await expect.poll(() => rows.count()).toBe(2)
    await expect(rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-alert-row')))).resolves.toEqual(['al-critical', 'al-minor'])
    await expect(rows.first().locator('[data-alert-action]').allTextContents()).resolves.toEqual(['签收', '暂缓', '督办'])
    await expect(page.locator('[data-column="assigned"] [data-task-card]').count()).resolves.toBe(1)
    await expect(page.locator('[data-column="in_progress"] [data-task-card]').count()).resolves.toBe(2)
    await expect(page.locator('[data-column="closed_today"] [data-task-card]').count()).resolves.toBe(1)
    await expect(card('t-late').getAttribute('data-clock')).resolves.toBe('overdue')
    await expect(card('t-late').locator('[data-escalated]').textContent()).resolves.toBe('已升级')
    await expect(card('t-late').locator('[data-countdown]').textContent()).resolves.toMatch(/超期 \d+ 个工作日/)
    await expect(card('t-soon').getAttribute('data-clock')).resolves.toBe('due_soon')
    await expect(card('t-new').getAttribute('data-clock')).resolves.toBe('on_time')
    await expect(card('t-new').locator('[data-countdown]').textContent()).resolves.toMatch(/剩 3 个工作日/)
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)
    expect(overflow).toBe(0)
    await page.waitForTimeout(300) // the region names arrive for the picture
    await page.screenshot({ path: '/tmp/desk-shots/desk-1920x1080.png' })
  })

  it('walks the inbox with j/k, dispatches from an alert prefilled, and closes the drawer with Esc', async () => {
    await logInAt(DUTY)
    const rows = page.locator('[data-alert-row]')
    await expect.poll(() => rows.count()).toBe(2)
    await rows.first().focus()
    await page.keyboard.press('j')
    await expect(rows.nth(1).evaluate((row) => row === document.activeElement)).resolves.toBe(true)
    await page.keyboard.press('k')
    await expect(rows.first().evaluate((row) => row === document.activeElement)).resolves.toBe(true)
    // Tab goes from the row to its buttons: 签收, 暂缓, 督办.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-alert-action'))).resolves.toBe('dispatch')
    await page.keyboard.press('Enter')
    const form = page.locator('[data-dispatch-form]')
    await form.waitFor()
    await expect(form.locator('input[name="title"]').inputValue()).resolves.toBe('食品抽检不合格 5 批次')
    await expect(form.locator('input[name="dueWorkingDays"]').inputValue()).resolves.toBe(String(ALERT_TASK_WORKING_DAYS.food_failures))
    await expect(form.locator('select[name="priority"]').inputValue()).resolves.toBe('urgent')
    await expect.poll(() => form.locator('select[name="region"]').inputValue()).toBe('510104')
    await page.screenshot({ path: '/tmp/desk-shots/desk-dispatch-1920x1080.png' })
    await page.keyboard.press('Escape')
    await expect(page.locator('[data-drawer]').getAttribute('data-drawer')).resolves.toBe('none')
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-alert-action'))).resolves.toBe('dispatch')
  })

  it('opens a task with Enter: its history, and for an answered task 办结 and 退回', async () => {
    await logInAt(DUTY)
    await card('t-answered').focus()
    await page.keyboard.press('Enter')
    const detail = page.locator('[data-task-detail="t-answered"]')
    await detail.waitFor()
    await expect(detail.locator('[data-task-history] li').first().textContent()).resolves.toMatch(/下发.*值班员张敏/)
    await expect(detail.locator('[data-task-action]').allTextContents()).resolves.toEqual(['办结', '退回'])
    await page.screenshot({ path: '/tmp/desk-shots/desk-task-1920x1080.png' })
  })

  it('shows the region officer no alert actions and no dispatch, and 签收 and 退单 on a new task', async () => {
    await logInAt(UNIT)
    await expect.poll(() => page.locator('[data-alert-row]').count()).toBe(2)
    await expect(page.locator('[data-alert-action]').count()).resolves.toBe(0)
    await expect(page.locator('[data-new-task]').count()).resolves.toBe(0)
    await card('t-new').click()
    await expect.poll(() => page.locator('[data-task-detail="t-new"] [data-task-action]').allTextContents()).toEqual(['签收', '退单'])
  })

  it('shows the leader the desk read-only', async () => {
    await logInAt(LEADER)
    await expect(page.locator('[data-signed-in]').textContent()).resolves.toContain('只读')
    await expect.poll(() => page.locator('[data-alert-row]').count()).toBe(2)
    await expect(page.locator('[data-alert-action]').count()).resolves.toBe(0)
    await expect(page.locator('[data-new-task]').count()).resolves.toBe(0)
    await card('t-answered').click()
    await page.locator('[data-task-detail="t-answered"]').waitFor()
    await expect(page.locator('[data-task-action]').count()).resolves.toBe(0)
    // in English, regions are named in English as on the wall
    await page.locator('button[aria-label="Switch to English"]').click()
    await expect.poll(() => page.locator('[data-alert-row="al-minor"] .region').textContent()).toBe('Qingyang District')
    await expect.poll(() => page.locator('select[data-filter="region"] option[value="510105"]').first().textContent()).toBe('Qingyang District')
  })
})
