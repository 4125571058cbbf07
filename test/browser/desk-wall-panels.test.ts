/// <reference lib="dom" />
// The wall's duty-desk panels, on a real server whose live snapshots carry crafted alerts and
// task figures (the server parts that fill them land separately): the overview lists open alerts
// most severe first in the wall's language and shows the 督办 figures, overdue red and due soon
// amber, by district with names in full; the inspections screen's 最新预警 are the same alerts.
// Nothing overflows at 1920×1080 or 3840×2160.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LiveSnapshot } from '../../shared/live'
import { formatChinaTime } from '../../server/demo/china-time'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { CHENGDU_TASK_FIGURES, alertOf } from '../support/desk-fixtures'
import { injectIntoLiveSnapshots } from '../support/live-snapshot-injection'

const MINUTE_MS = 60_000
const now = Date.now()
const ALERTS = [
  alertOf({ id: 'minor-newest', severity: 'minor', regionName: '青羊区', regionCode: '510105', lastSeenAt: formatChinaTime(now) }, now),
  alertOf({ id: 'critical-older', severity: 'critical', rule: 'food_failures', message: { zh: '食品抽检不合格 5 批次', en: '5 food batches failed' } }, now),
  alertOf({ id: 'major', severity: 'major', rule: 'overdue_backlog', regionName: '武侯区', regionCode: '510107', message: { zh: '超期未办结 18 件', en: '18 items past deadline' } }, now - 30 * MINUTE_MS),
]
let injected: Pick<LiveSnapshot, 'alerts' | 'tasks'> = { alerts: Object.fromEntries(ALERTS.map((alert) => [alert.id, alert])), tasks: CHENGDU_TASK_FIGURES }

let browsed: BrowsedApp
let page: Page

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000' })
  page = browsed.page
  await injectIntoLiveSnapshots(page, () => injected)
})
afterAll(() => browsed?.close())
beforeEach(() => page.setViewportSize({ width: 1920, height: 1080 }))

async function expectNoOverflow(): Promise<void> {
  const overflow = await page.evaluate(() => {
    const cut = [...document.querySelectorAll<HTMLElement>('[data-panel="open-alerts"] li, [data-panel="tasks"] dt, [data-panel="tasks"] [data-task-region] .name')].filter(
      (element) => !element.matches('li') && element.scrollWidth > element.clientWidth,
    )
    return { x: document.documentElement.scrollWidth - window.innerWidth, y: document.documentElement.scrollHeight - window.innerHeight, cut: cut.map((element) => element.textContent) }
  })
  expect(overflow).toEqual({ x: 0, y: 0, cut: [] })
}

describe('the overview', () => {
  it('lists the open alerts most severe first, in the wall\'s language', async () => {
    await page.goto(`${browsed.baseUrl}/wall/overview/510100`)
    const rows = page.locator('[data-panel="open-alerts"] [data-alert]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3)
    await expect(rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-alert')))).resolves.toEqual(['critical-older', 'major', 'minor-newest'])
    await expect(rows.first().textContent()).resolves.toContain('食品抽检不合格 5 批次')
    await expect(rows.first().locator('.severity').textContent()).resolves.toBe('严重')
    await page.locator('header .lang').click()
    await expect.poll(() => rows.first().textContent()).toContain('5 food batches failed')
    await page.locator('header .lang').click()
    await expect.poll(() => rows.first().textContent()).toContain('食品抽检不合格')
  })

  it('shows the 督办 figures, overdue red and due soon amber, and the districts with work by their full names', async () => {
    await page.goto(`${browsed.baseUrl}/wall/overview/510100`)
    const panel = page.locator('[data-panel="tasks"]')
    await expect.poll(() => panel.locator('[data-task-figure="open"] dd').textContent(), { timeout: 15_000 }).toBe('7')
    await expect(panel.locator('[data-task-figure="overdue"]').getAttribute('class')).resolves.toMatch(/\bred\b/)
    await expect(panel.locator('[data-task-figure="dueSoon"]').getAttribute('class')).resolves.toMatch(/\bamber\b/)
    await expect(panel.locator('[data-task-figure="closedToday"] dd').textContent()).resolves.toBe('3')
    // Names come with the region's children: wait for them rather than read codes.
    await expect.poll(() => panel.locator('[data-task-region] .name').allTextContents(), { timeout: 15_000 }).toEqual(['锦江区', '青羊区', '武侯区'])
    await expectNoOverflow()
    await page.waitForTimeout(700) // numbers settle for the picture
    await page.screenshot({ path: '/tmp/desk-shots/overview-1920x1080.png' })
    await page.setViewportSize({ width: 3840, height: 2160 })
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(3840)
    await expectNoOverflow()
    await page.screenshot({ path: '/tmp/desk-shots/overview-3840x2160.png' })
  })

  it('marks nothing when no task is overdue or due soon, and says when there are no alerts', async () => {
    injected = { alerts: {}, tasks: { open: 2, dueSoon: 0, overdue: 0, closedToday: 0, byRegion: { '510104': { open: 2, overdue: 0 } } } }
    try {
      await page.goto(`${browsed.baseUrl}/wall/overview/510100`)
      const panel = page.locator('[data-panel="tasks"]')
      await expect.poll(() => panel.locator('[data-task-figure="open"] dd').textContent(), { timeout: 15_000 }).toBe('2')
      await expect(panel.locator('[data-task-figure="overdue"]').getAttribute('class')).resolves.not.toMatch(/\bred\b/)
      await expect(panel.locator('[data-task-figure="dueSoon"]').getAttribute('class')).resolves.not.toMatch(/\bamber\b/)
      await expect(page.locator('[data-panel="open-alerts"] [data-alerts-none]').textContent()).resolves.toBe('暂无预警')
    } finally {
      injected = { alerts: Object.fromEntries(ALERTS.map((alert) => [alert.id, alert])), tasks: CHENGDU_TASK_FIGURES }
    }
  })
})

describe('the inspections screen', () => {
  it('shows the real alerts as 最新预警', async () => {
    await page.goto(`${browsed.baseUrl}/wall/inspections/510100`)
    const rows = page.locator('[data-panel="alerts"] [data-alert]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3)
    await expect(rows.first().getAttribute('data-severity')).resolves.toBe('critical')
    await expectNoOverflow()
  })
})
