/// <reference lib="dom" />
// The wall as a person sees it: real server, real socket.io, Debian's Chromium,
// at the two screen sizes command centres use. Screenshots are looked at, not only asserted.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importBoundaryFiles } from '../../server/geo/boundary-import'
import { makeDatavCityFile } from '../support/datav-fixture'
import { launchBrowser, screenshotPath } from '../support/browser'
import { buildTestApp } from '../support/test-app'
import { type TestDatabase, createTestDatabase } from '../support/test-databases'

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]

let database: TestDatabase
let app: FastifyInstance
let baseUrl: string

beforeAll(async () => {
  database = await createTestDatabase('pglite')
  // Real-looking county boundaries for one city, to see the wall drill into them.
  const seed = await buildTestApp(database.env)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-datav-'))
  const file = makeDatavCityFile('sichuan', '攀枝花市', '510400', [
    { adcode: '510402', name: '东区' },
    { adcode: '510403', name: '西区' },
    { adcode: '510411', name: '仁和区' },
    { adcode: '510421', name: '米易县' },
    { adcode: '510422', name: '盐边县' },
  ])
  await importBoundaryFiles(seed.database.db, seed.regions, [{ path: path.join(folder, '510400_full.json'), json: file }], new Map())
  await seed.close()

  app = await buildTestApp({ ...database.env, REGDECK_HEARTBEAT_MS: '1000' })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  baseUrl = `http://127.0.0.1:${address.port}`
})

afterAll(async () => {
  await app?.close()
  await database?.drop()
})

const regionCount = (page: Page) => page.locator('[data-region]').count()

async function expectNoScrollbars(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }))
  expect(overflow).toEqual({ x: 0, y: 0 })
}

interface MapLayout {
  labels: string[]
  /** where each label stands, to tell when the layout has settled */
  labelPlaces: string[]
  /** pairs of labels whose boxes overlap */
  overlappingLabels: string[]
  /** points of the legend's box that lie on a region */
  overlayPointsOnRegions: number
  /** whether the legend's box meets the region's totals in the map's corner */
  overlayMeetsTotals: boolean
  /** points of the totals' box that lie on a region */
  totalsPointsOnRegions: number
  /** labels whose boxes meet the totals' box */
  labelsUnderTotals: string[]
  /** labels standing more than two of their heights from their region's outline box: read as another region's */
  labelsAwayFromRegions: string[]
}

/**
 * Where the map's labels and legend ended up once they stay put: the wall's fonts load after the
 * first drawing, the totals box then widens and the map is laid out again around it.
 */
async function mapLayout(page: Page): Promise<MapLayout> {
  await page.evaluate(() => document.fonts.ready)
  let previous = ''
  await expect.poll(async () => previous === (previous = JSON.stringify(await measureMapLayout(page)))).toBe(true)
  return JSON.parse(previous) as MapLayout
}

/** Where the map's labels and legend are, measured in the page as drawn. */
function measureMapLayout(page: Page): Promise<MapLayout> {
  return page.evaluate(() => {
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
    const labels = [...document.querySelectorAll<SVGTextElement>('[data-label]')]
    const boxes = labels.map((label) => label.getBoundingClientRect())
    const overlappingLabels: string[] = []
    boxes.forEach((box, i) => boxes.slice(i + 1).forEach((other, j) => meets(box, other) && overlappingLabels.push(`${labels[i]!.textContent} ~ ${labels[i + 1 + j]!.textContent}`)))
    const overlay = document.querySelector('[data-map-overlay]')!.getBoundingClientRect()
    const svg = document.querySelector<SVGSVGElement>('[data-region]')!.ownerSVGElement!
    const toSvg = svg.getScreenCTM()!.inverse()
    const regions = [...document.querySelectorAll<SVGPathElement>('[data-region]')]
    const pointsOnRegions = (box: DOMRect) => {
      let points = 0
      for (let x = box.left; x <= box.right; x += 4) {
        for (let y = box.top; y <= box.bottom; y += 4) {
          const point = new DOMPoint(x, y).matrixTransform(toSvg)
          if (regions.some((region) => region.isPointInFill(point))) points++
        }
      }
      return points
    }
    const totals = document.querySelector('[data-region-totals]')!.getBoundingClientRect()
    return {
      labels: labels.map((label) => label.getAttribute('data-label')!),
      labelPlaces: boxes.map((box) => `${Math.round(box.left)},${Math.round(box.top)}`),
      overlappingLabels,
      overlayPointsOnRegions: pointsOnRegions(overlay),
      overlayMeetsTotals: meets(overlay, totals),
      totalsPointsOnRegions: pointsOnRegions(totals),
      labelsUnderTotals: labels.filter((_, i) => meets(boxes[i]!, totals)).map((label) => label.textContent!),
      labelsAwayFromRegions: labels
        .filter((label, i) => {
          const region = document.querySelector(`[data-region="${label.getAttribute('data-label')}"]`)!.getBoundingClientRect()
          const box = boxes[i]!
          const [x, y] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2]
          const distance = Math.hypot(Math.max(region.left - x, 0, x - region.right), Math.max(region.top - y, 0, y - region.bottom))
          return distance > 2 * box.height
        })
        .map((label) => label.textContent!),
    }
  })
}

describe.each(SIZES)('the wall at $width×$height', (size) => {
  const label = `${size.width}x${size.height}`
  let page: Page
  let closeBrowser: () => Promise<void>

  beforeAll(async () => {
    const browser = await launchBrowser(size)
    closeBrowser = browser.close
    page = await browser.context.newPage()
  })
  afterAll(() => closeBrowser?.())

  it('shows Sichuan with its 21 cities, live, with maps the browser may cache for good', async () => {
    const geoCaching: string[] = []
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/geo/')) geoCaching.push(response.headers()['cache-control'] ?? '')
    })
    await page.goto(`${baseUrl}/wall`)
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(21)
    await expect.poll(() => page.locator('[data-live-status]').getAttribute('data-live-status')).toBe('live')
    await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(1)
    await expectNoScrollbars(page)
    expect(geoCaching).toEqual(['public, max-age=31536000, immutable'])
    // Census population is given; market entities are estimated by the stated rule, and say so.
    const totals = page.locator('[data-region-totals="510000"] dd')
    await expect(totals.nth(0).locator('.estimate-mark').count()).resolves.toBe(0)
    await expect(totals.nth(1).locator('.estimate-mark').count()).resolves.toBe(1)
    // Nothing received yet: one value everywhere is one class, read as that value alone.
    await expect.poll(() => page.locator('[data-map-legend] .class').allTextContents()).toEqual(['0件'])
    await page.screenshot({ path: screenshotPath(`wall-province-${label}`) })
  })

  it('names every city on the province map, no label over another, and keeps the legend off the regions', async () => {
    const layout = await mapLayout(page)
    expect(layout.labels.sort()).toEqual(Array.from(await page.locator('[data-region]').evaluateAll((paths) => paths.map((path) => path.getAttribute('data-region')!))).sort())
    expect(layout.labels).toHaveLength(21)
    expect(layout.overlappingLabels).toEqual([])
    expect(layout.overlayPointsOnRegions).toBe(0)
    expect(layout.overlayMeetsTotals).toBe(false)
    expect(layout.totalsPointsOnRegions).toBe(0)
    expect(layout.labelsUnderTotals).toEqual([])
    expect(layout.labelsAwayFromRegions).toEqual([])
  })

  it('keeps the regions and their names clear of the totals in English too, where the metric choices are wider, each name by its region', async () => {
    await page.evaluate(() => localStorage.setItem('regdeck.locale', 'en'))
    await page.reload()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(21)
    await expect.poll(() => page.locator('[data-label]').count()).toBe(21)
    const layout = await mapLayout(page)
    expect(layout.overlappingLabels).toEqual([])
    expect(layout.overlayPointsOnRegions).toBe(0)
    expect(layout.totalsPointsOnRegions).toBe(0)
    expect(layout.labelsUnderTotals).toEqual([])
    // Long English names are not pushed beside other cities.
    expect(layout.labelsAwayFromRegions).toEqual([])
    await page.screenshot({ path: screenshotPath(`wall-province-en-${label}`) })
    await page.evaluate(() => localStorage.removeItem('regdeck.locale'))
    await page.reload()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(21)
  })

  it('sees the heartbeat advance', async () => {
    const seqOf = async () => Number(await page.locator('[data-heartbeat-seq]').getAttribute('data-heartbeat-seq'))
    const before = await seqOf()
    await expect.poll(seqOf, { timeout: 5000 }).toBeGreaterThan(before)
  })

  it('drills into Chengdu and its 20 county-level regions, drawn from the bundled county shapes', async () => {
    await page.locator('[data-region="510100"]').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/overview/510100')
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(20)
    await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(2)
    await expect(page.locator('[data-schematic-note]').count()).resolves.toBe(0)
    const layout = await mapLayout(page)
    expect(layout.overlappingLabels).toEqual([])
    expect(layout.overlayPointsOnRegions).toBe(0)
    await expectNoScrollbars(page)
    await page.screenshot({ path: screenshotPath(`wall-city-510100-${label}`) })
  })

  it('goes back up with the breadcrumb', async () => {
    await page.locator('[data-breadcrumb] [data-breadcrumb-item]').first().click()
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/wall(\/overview(\/510000)?)?$/)
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(21)
  })

  it('goes back with the browser, and forward again', async () => {
    await page.goBack()
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(20)
    await page.goBack()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall')
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(21)
  })

  it('drills into Panzhihua\'s imported (surveyed) county boundaries, with no schematic note', async () => {
    await page.locator('[data-region="510400"]').click()
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(5)
    await expect(page.locator('[data-schematic-note]').count()).resolves.toBe(0)
    await page.screenshot({ path: screenshotPath(`wall-city-510400-imported-${label}`) })
  })

  it('drills into a county: its city\'s map with the county lit, and the whole chain in the breadcrumb', async () => {
    await page.locator('[data-region="510411"]').click()
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wall/overview/510411')
    await expect.poll(() => page.locator('[data-breadcrumb] [data-breadcrumb-item]').count()).toBe(3)
    await expect.poll(() => page.locator('[data-region-totals]').getAttribute('data-region-totals')).toBe('510411')
    await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBe(5)
    await expect(page.locator('[data-region="510411"]').getAttribute('class')).resolves.toContain('highlighted')
    await expectNoScrollbars(page)
    await page.screenshot({ path: screenshotPath(`wall-county-510411-${label}`) })
  })
})

describe('a city of a province without bundled county shapes (昆明市, 云南)', () => {
  it('shows the schematic note in full, off the regions and clear of the totals', async () => {
    const yunnanDatabase = await createTestDatabase('pglite')
    const yunnan = await buildTestApp({ ...yunnanDatabase.env, REGDECK_PROVINCE: '530000' })
    const browser = await launchBrowser({ width: 1920, height: 1080 })
    try {
      await yunnan.listen({ port: 0, host: '127.0.0.1' })
      const address = yunnan.server.address()
      if (address === null || typeof address === 'string') throw new Error('no TCP address')
      const page = await browser.context.newPage()
      await page.goto(`http://127.0.0.1:${address.port}/wall/overview/530100`)
      await expect.poll(() => regionCount(page), { timeout: 15_000 }).toBeGreaterThan(10)
      await expect.poll(() => page.locator('[data-schematic-note]').isVisible()).toBe(true)
      const layout = await mapLayout(page)
      expect(layout.overlayPointsOnRegions).toBe(0)
      expect(layout.overlayMeetsTotals).toBe(false)
      await page.screenshot({ path: screenshotPath('wall-city-530100-schematic-1920x1080') })
    } finally {
      await browser.close()
      await yunnan.close()
      await yunnanDatabase.drop()
    }
  })
})
