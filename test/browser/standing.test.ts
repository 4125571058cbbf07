/// <reference lib="dom" />
// Standing at a glance: a figure far below its target and one near it look different on the
// tiles, the ranking and the map (a grade in data, colour and shape); campaign regions behind
// schedule are in the warning colours on the map; a city whose counties have no campaign
// targets shows its own progress against its target with a drawn schedule line, and says why.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GRADE_COLOURS, NO_DATA_COLOUR } from '../../client/src/map/choropleth'
import { addCalendarDays, isoInTimeZone, localDateOf } from '../../server/time/zoned-time'
import { listenForBrowser, screenshotPath, suitePage } from '../support/browser'
import { campaign, foodSampling, inspection } from '../support/record-factory'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

const CAMPAIGN = 'standing-campaign'
let database: TestDatabase
let app: FastifyInstance
let baseUrl: string

/** CSS's rgb() of a #rrggbb colour, as getComputedStyle answers. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`
const campaignInspections = (regionCode: string, count: number, at: string) =>
  Array.from({ length: count }, (_, n) => inspection({ id: `CI-${regionCode}-${n}`, regionCode, occurredAt: at, kind: 'campaign', campaignId: CAMPAIGN }))

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  app = await buildTestApp({ ...database.env, REGDECK_HEARTBEAT_MS: '1000' })
  baseUrl = await listenForBrowser(app)
  const now = isoInTimeZone(new Date(Date.now() - 60_000), 'Asia/Shanghai')
  const today = localDateOf(new Date(), 'Asia/Shanghai')
  await app.ingest.ingest(
    [
      // 锦江区 this year: 972 of 1000 batches passed (97.2% against 98%), and one random inspection
      // among its tens of thousands of entities (far below 5% a year, pro rata).
      foodSampling({ id: 'F-standing', regionCode: '510104', occurredAt: now, batches: 1000, failed: 28 }),
      inspection({ id: 'I-standing', regionCode: '510104', occurredAt: now, kind: 'random' }),
      // Two thirds of the campaign's time gone: 成都市 at 60% of its target is a little behind,
      // 自贡市 at 10% far behind. Only the cities have targets.
      campaign({
        id: CAMPAIGN,
        startsOn: addCalendarDays(today, -60),
        endsOn: addCalendarDays(today, 29),
        targets: [
          { regionCode: '510100', inspections: 100 },
          { regionCode: '510300', inspections: 100 },
        ],
      }),
      ...campaignInspections('510104', 40, now),
      ...campaignInspections('510105', 20, now),
      ...campaignInspections('510302', 10, now),
    ],
    { partial: false },
  )
}, 60_000)

afterAll(async () => {
  await app?.close()
  await database?.drop()
})

describe('standing against the target', () => {
  const pageOf = suitePage()

  it('grades a tile far below its target apart from one near it, in data, colour and shape', async () => {
    const page = pageOf()
    await page.goto(`${baseUrl}/wall/inspections/510104`)
    const far = page.locator('[data-panel="inspection-kpis"] [data-metric="random_inspection_ratio"]')
    const near = page.locator('[data-panel="inspection-kpis"] [data-metric="food_pass_rate"]')
    await expect.poll(() => near.locator('[data-value]').textContent(), { timeout: 15_000 }).toBe('97.2')
    await expect.poll(() => far.getAttribute('data-standing')).toBe('far')
    await expect(near.getAttribute('data-standing')).resolves.toBe('near')
    const border = (tile: typeof far) => tile.evaluate((node) => getComputedStyle(node).borderLeftColor)
    expect(await border(far)).toBe('rgb(251, 77, 109)')
    expect(await border(near)).toBe('rgb(251, 191, 36)')
    // Without colour: a shape and its words.
    await expect(far.locator('[data-grade-mark="far"]').getAttribute('aria-label')).resolves.toBe('差距较大')
    await expect(far.locator('[data-grade-mark]').getAttribute('aria-label')).resolves.toBe('差距较大')
    await expect(near.locator('[data-grade-mark="near"]').getAttribute('aria-label')).resolves.toBe('接近目标')
  })

  it('grades the ranking and the map alike', async () => {
    const page = pageOf()
    await page.goto(`${baseUrl}/wall/inspections/510104`)
    await expect.poll(() => page.locator('[data-ranking-region="510104"]').getAttribute('data-grade'), { timeout: 15_000 }).toBe('far')
    await expect(page.locator('[data-ranking-region="510104"] [data-grade-mark="far"]').count()).resolves.toBe(1)
    await expect.poll(() => page.locator('[data-region="510104"]').evaluate((node) => getComputedStyle(node).fill)).toBe(rgb(GRADE_COLOURS.far))
    await expect(page.locator('[data-hatch-region="510104"]').getAttribute('data-hatch')).resolves.toBe('heavy')
    await expect(page.locator('[data-map-legend] [data-legend-grade="far"]').textContent()).resolves.toContain('差距较大')
    // The pass rate is near its target on the map too.
    await page.locator('[data-panel="map"] button', { hasText: '食品评价性抽检合格率' }).click()
    await expect.poll(() => page.locator('[data-hatch-region="510104"]').getAttribute('data-hatch')).toBe('light')
    await expect.poll(() => page.locator('[data-region="510104"]').evaluate((node) => getComputedStyle(node).fill)).toBe(rgb(GRADE_COLOURS.near))
    await page.screenshot({ path: screenshotPath('standing-inspections-county') })
  })

  it('puts campaign regions behind schedule in the warning colours on the map', async () => {
    const page = pageOf()
    await page.goto(`${baseUrl}/wall/campaign/510000`)
    await expect.poll(() => page.locator('[data-campaign-region="510300"] [data-grade]').getAttribute('data-grade'), { timeout: 15_000 }).toBe('far')
    await expect(page.locator('[data-campaign-region="510100"] [data-grade]').getAttribute('data-grade')).resolves.toBe('near')
    await expect.poll(() => page.locator('[data-region="510300"]').evaluate((node) => getComputedStyle(node).fill)).toBe(rgb(GRADE_COLOURS.far))
    await expect.poll(() => page.locator('[data-region="510100"]').evaluate((node) => getComputedStyle(node).fill)).toBe(rgb(GRADE_COLOURS.near))
    await expect(page.locator('[data-hatch-region="510300"]').getAttribute('data-hatch')).resolves.toBe('heavy')
    await page.screenshot({ path: screenshotPath('standing-campaign-province') })
  })

  it('shows a city whose counties have no targets by its own progress, a drawn schedule line, and why', async () => {
    const page = pageOf()
    await page.goto(`${baseUrl}/wall/campaign/510100`)
    const total = page.locator('[data-campaign-total="510100"]')
    await expect.poll(() => total.count(), { timeout: 15_000 }).toBe(1)
    await expect(total.textContent()).resolves.toContain('60.0%')
    await expect(total.locator('[data-grade]').getAttribute('data-grade')).resolves.toBe('near')
    const line = await total.locator('[data-schedule-line]').boundingBox()
    expect(line?.width).toBeGreaterThan(0)
    expect(line?.height).toBeGreaterThan(0)
    await expect(page.locator('[data-panel="campaign-regions"] h2').textContent()).resolves.toContain('下级未单独设目标')
    await expect(page.locator('[data-campaign-untargeted]').textContent()).resolves.toContain('成都市')
    // The counties by work done, most first, and not one "no target" each.
    await expect(page.locator('[data-campaign-region]').first().getAttribute('data-campaign-region')).resolves.toBe('510104')
    await expect(page.locator('[data-panel="campaign-regions"]').textContent()).resolves.not.toContain('未设目标')
    // The map by work done: no region with work is "no data".
    await expect(page.locator('[data-map-legend]').textContent()).resolves.toContain('件')
    await expect(page.locator('[data-region="510104"]').evaluate((node) => getComputedStyle(node).fill)).resolves.not.toBe(rgb(NO_DATA_COLOUR))
    await page.screenshot({ path: screenshotPath('standing-campaign-city') })
  })
})
