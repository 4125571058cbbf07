/// <reference lib="dom" />
// A rate on a handful of items is shown as its counts and marked 数据不足, not as a
// confident 100.0%; the same rate on enough items is a percentage again. A figure of now
// (超期未办结) is shown once, as the current figure, not under both 今日 and the period.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FEW_ITEMS_FOR_A_RATE } from '../../shared/metrics'
import { listenForBrowser, screenshotPath, suitePage } from '../support/browser'
import { complaintReceivedNow } from '../support/record-factory'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string

/** Complaints of a county, each mediated the moment it came in: every one counts as accepted, closed and mediated on time. */
const mediatedComplaints = (regionCode: string, count: number) =>
  Array.from({ length: count }, (_, n) => complaintReceivedNow({ id: `${regionCode}-${n}`, regionCode, status: 'mediated' }))

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_HEARTBEAT_MS: '1000' })
  baseUrl = await listenForBrowser(app)
  // 15 at one county, 40 at a neighbour: their city has 55, enough for a percentage.
  await app.ingest.ingest([...mediatedComplaints('510104', 15), ...mediatedComplaints('510105', 40)], { partial: false })
}, 60_000)

afterAll(async () => {
  await app?.close()
  await database?.drop()
})

describe('a rate on few items', () => {
  const pageOf = suitePage()

  it('shows the counts behind it and 数据不足, and no target judgement', async () => {
    const page = pageOf()
    expect(15).toBeLessThan(FEW_ITEMS_FOR_A_RATE)
    await page.goto(`${baseUrl}/wall/complaints/510104`)
    const tile = page.locator('[data-metric="mediation_success_rate"]')
    await expect.poll(() => tile.getAttribute('data-too-few'), { timeout: 15_000 }).toBe('true')
    const text = await tile.textContent()
    expect(text).toContain('15/15')
    expect(text).toContain('数据不足')
    expect(text).toContain('n = 15')
    expect(text).not.toContain('100.0')
    const closed = page.locator('[data-metric="complaint_closed_on_time"]')
    await expect(closed.getAttribute('data-standing')).resolves.toBe('unjudged')
    await page.screenshot({ path: screenshotPath('small-rates-county') })
  })

  it('is a percentage again on enough items', async () => {
    const page = pageOf()
    await page.goto(`${baseUrl}/wall/complaints/510100`)
    const tile = page.locator('[data-metric="mediation_success_rate"]')
    await expect.poll(() => tile.locator('[data-value]').textContent(), { timeout: 15_000 }).toBe('100.0')
    await expect(tile.getAttribute('data-too-few')).resolves.toBe('false')
    await expect(page.locator('[data-metric="complaint_closed_on_time"]').getAttribute('data-standing')).resolves.toBe('met')
  })

  it('shows 超期未办结 once, as the current figure', async () => {
    const page = pageOf()
    await page.goto(`${baseUrl}/wall/overview/510104`)
    const totals = page.locator('[data-panel="totals"]')
    await expect.poll(() => totals.locator('[data-metric="overdue_open"] [data-value]').textContent(), { timeout: 15_000 }).toBe('0')
    await expect(totals.locator('[data-metric="overdue_open"]').count()).resolves.toBe(1)
    await expect.poll(() => totals.locator('[data-metric="complaints_received"]').count()).toBe(2)
    await expect(totals.locator('[data-now-row]:has([data-metric="overdue_open"])').textContent()).resolves.toContain('当前')
  })
})
