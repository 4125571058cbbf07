/// <reference lib="dom" />
// A follow-up task (督办) started from a region on the wall's map (issue 16), in Chromium against a
// real server and its database: the duty officer at 成都市 points at 锦江区 on the wall, follows
// its 督办… (by mouse, and by keyboard), lands on /desk with the dispatch drawer filled for
// 锦江区, and the task it sends exists. A leader, a region officer, a kiosk and a region outside
// the officer's scope get no such link; the desk says so for a region outside the scope.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TaskList } from '../../shared/tasks'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { addUser, loginBody } from '../support/principals'

const DUTY = 'zhangmin'
const COUNTY_DUTY = 'wanglei'
const LEADER = 'liwei'
const UNIT = 'jinjiang'
const CHENGDU_WALL = '/wall/overview/510100'

let browsed: BrowsedApp
let page: Page

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000' }, async (app) => {
    await addUser(app, DUTY, 'duty_officer', '510100')
    await addUser(app, COUNTY_DUTY, 'duty_officer', '510104')
    await addUser(app, LEADER, 'leader', '510100')
    await addUser(app, UNIT, 'region_officer', '510100')
  })
  page = browsed.page
})
afterAll(() => browsed?.close())
beforeEach(async () => {
  await page.context().clearCookies()
})

async function logInTo(username: string, next: string): Promise<void> {
  await page.goto(`${browsed.baseUrl}/login?next=${encodeURIComponent(next)}`)
  const form = page.locator('[data-login-form]')
  await form.locator('input[name="username"]').fill(loginBody(username).username)
  await form.locator('input[name="password"]').fill(loginBody(username).password)
  await form.locator('input[name="password"]').press('Enter')
  // The desk drops its query once read: the path is what is sure to be seen.
  await page.waitForURL((url) => url.pathname === new URL(next, browsed.baseUrl).pathname)
}

const region = (code: string) => page.locator(`[data-panel="map"] path[data-region="${code}"]`)
const actions = () => page.locator('[data-panel="map"] [data-region-action]')

/** A point of the page on the region's own shape: its box's centre may lie on a neighbour. */
async function pointIn(code: string): Promise<{ x: number; y: number }> {
  await region(code).waitFor()
  const point = await region(code).evaluate((path) => {
    const box = path.getBoundingClientRect()
    for (let step = 1; step < 20; step++)
      for (let across = 1; across < 20; across++) {
        const x = box.left + (box.width * across) / 20
        const y = box.top + (box.height * step) / 20
        if (document.elementFromPoint(x, y) === path) return { x, y }
      }
    return null
  })
  if (point === null) throw new Error(`no point of region ${code} is under the pointer's reach`)
  return point
}

async function pointAt(code: string): Promise<void> {
  const point = await pointIn(code)
  await page.mouse.move(point.x, point.y)
  await expect.poll(() => region(code).getAttribute('class')).toContain('hovered')
}

/** The task list the server answers this browser's session for a region. */
const tasksOf = (code: string) =>
  page.evaluate(async (code) => ((await (await fetch(`/api/v1/tasks?region=${code}`)).json()) as TaskList).tasks.map((task) => ({ region: task.regionCode, title: task.title, state: task.state })), code)

describe('督办 from the wall\'s map', () => {
  it('takes the duty officer from 锦江区 on the map to the desk\'s drawer filled for it, and the task it sends exists', async () => {
    await logInTo(DUTY, CHENGDU_WALL)
    await pointAt('510104')
    const action = page.locator('[data-panel="map"] [data-region-action="510104"]')
    await expect(action.textContent()).resolves.toBe('向锦江区下发督办…')
    await action.click()

    const form = page.locator('[data-drawer="dispatch"] [data-dispatch-form]')
    await form.waitFor()
    await expect.poll(() => form.locator('select[name="region"]').inputValue()).toBe('510104')
    await expect.poll(() => form.locator('select[name="region"] option:checked').textContent()).toBe('锦江区')
    // The query has done its work: a reload shows the desk as it is.
    await expect.poll(() => page.url()).toBe(`${browsed.baseUrl}/desk`)
    await form.locator('input[name="title"]').fill('核查锦江区投诉集中的商户')
    await form.locator('textarea[name="instructions"]').fill('请于期限内现场核查并反馈处理结果。')
    await form.locator('[data-dispatch-submit]').click()
    await page.locator('[data-task-detail][data-task-state="assigned"]').waitFor()
    await expect(tasksOf('510104')).resolves.toEqual([{ region: '510104', title: '核查锦江区投诉集中的商户', state: 'assigned' }])

    await page.reload()
    await page.locator('[data-desk] [data-signed-in]').waitFor()
    await expect(page.locator('[data-drawer]').getAttribute('data-drawer')).resolves.toBe('none')
  })

  it('reaches the same link by keyboard: Tab from a region focuses its 督办…, and Enter follows it', async () => {
    await logInTo(DUTY, CHENGDU_WALL)
    await region('510104').waitFor()
    // From the region after 锦江区 in the map's order, back to it as a keyboard user would.
    const after = await page.evaluate(() => {
      const codes = [...document.querySelectorAll('[data-panel="map"] path[data-region]')].map((path) => path.getAttribute('data-region'))
      return codes[codes.indexOf('510104') + 1] ?? null
    })
    if (after === null) throw new Error('锦江区 is last on the map: the test needs a region after it')
    await region(after).focus()
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe('510104')
    await page.keyboard.press('Tab')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-region-action'))).toBe('510104')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-drawer="dispatch"] select[name="region"]').inputValue()).toBe('510104')
  })

  it('still drills down when the region itself is clicked', async () => {
    await logInTo(DUTY, CHENGDU_WALL)
    await pointAt('510104')
    const point = await pointIn('510104')
    await page.mouse.click(point.x, point.y)
    await page.waitForURL(`${browsed.baseUrl}/wall/overview/510104`)
  })

  it('offers no link beside the scope: a 锦江区 duty officer\'s 青羊区 neighbour has none, its own county has one', async () => {
    await logInTo(COUNTY_DUTY, '/wall/overview/510104')
    await pointAt('510105')
    await expect(actions().count()).resolves.toBe(0)
    await pointAt('510104')
    await expect.poll(() => actions().count()).toBe(1)
  })

  it.each([
    ['a leader', LEADER, CHENGDU_WALL],
    ['a region officer', UNIT, CHENGDU_WALL],
    ['a duty officer\'s kiosk', DUTY, `${CHENGDU_WALL}?kiosk`],
  ])('offers %s no link', async (_who, username, wall) => {
    await logInTo(username, wall)
    await pointAt('510104')
    await expect(actions().count()).resolves.toBe(0)
  })

  it('says so on the desk, zh-CN first, when the region sent lies outside the officer\'s scope, and opens no drawer', async () => {
    await logInTo(DUTY, '/desk?dispatch=510700')
    const refused = page.locator('[data-dispatch-refused]')
    await refused.waitFor()
    await expect.poll(() => refused.textContent()).toBe('地区“绵阳市”不在您的辖区内，无法下发督办')
    await expect(page.locator('[data-drawer]').getAttribute('data-drawer')).resolves.toBe('none')
    await expect.poll(() => page.url()).toBe(`${browsed.baseUrl}/desk`)
  })
})
