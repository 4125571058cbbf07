/// <reference lib="dom" />
// A wall left running: a server fed by the demo simulator at a high speed, a Chromium
// showing a rotating playlist, and what the page holds (JS heap after a forced GC, the least
// of a few readings, and DOM nodes) compared at the same playlist entry early on and at the end, with every long
// task the page ran. Used by `npm run soak` (30 minutes), by the test suite in a short
// form, and by `npm run bench` for first meaningful paint.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { CDPSession, Page } from 'playwright-core'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config/config'
import { launchBrowser, listenForBrowser } from '../support/browser'

export interface SoakOptions {
  /** how long the wall runs */
  minutes: number
  /** when the early measurement is taken (at the first playlist turn to entry 0 after it) */
  baselineMinutes: number
  /** the demo stream's speed, times Sichuan's volume */
  speed: number
  playlist: string
  intervalS: number
  /** called once a minute with what the page holds */
  onSample?: (sample: SoakSample) => void
  /** a data folder to run on, its caller's to remove; by default a temporary one, removed at the end */
  dataDir?: string
}

export interface SoakSample {
  atS: number
  heapMB: number
  domNodes: number
}

export interface SoakFigures {
  minutes: number
  speed: number
  playlist: string
  /** navigation until every panel of the first screen shows its data, on a server just started and still writing its history */
  firstMeaningfulPaintMs: number
  /** the same on a reload at the end, as a wall meets a server that has been running */
  reloadMeaningfulPaintMs: number
  firstContentfulPaintMs: number
  baseline: SoakSample
  end: SoakSample
  heapChangePercent: number
  domChangePercent: number
  /** long tasks after start-up (the first screen filled) */
  longTasks: { count: number; over200ms: number; maxMs: number }
  /** the slowest frames after start-up, slowest first, with what ran in them */
  slowestFrames: SlowFrame[]
  playlistTurns: number
  samples: SoakSample[]
}

/** A slow frame (long-animation-frame entry): it may span several tasks, so it says more than a long task does about what ran. */
export interface SlowFrame {
  start: number
  durationMs: number
  /** from the frame's rendering start (style, layout) to its end */
  renderMs: number
  /** each script that ran in it: invoker, function and place in the bundle, duration */
  scripts: string[]
}

/** The part of Chromium's long-animation-frame entry this reads; TypeScript's DOM types lack it. */
interface AnimationFrameTiming {
  startTime: number
  duration: number
  renderStart: number
  scripts: { invoker: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number; duration: number }[]
}

/** Frames this slow are kept with what they ran. */
const SLOW_FRAME_MS = 150

/** A wall is judged by the last of its first ten seconds onwards; loading the first screen is start-up. */
const STARTUP_GRACE_MS = 10_000

export async function runWallSoak(options: SoakOptions): Promise<SoakFigures> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-soak-'))
  const app = await buildDemoApp(dataDir, options.speed)
  const browser = await launchBrowser({ width: 1920, height: 1080 })
  try {
    const baseUrl = await listenForBrowser(app)
    const page = await browser.context.newPage()
    // Runs in the page: what it needs from here comes as an argument.
    await page.addInitScript((slowFrameMs) => {
      const tasks: { start: number; duration: number }[] = []
      Object.assign(window, { soakLongTasks: tasks })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration })
      }).observe({ type: 'longtask', buffered: true })
      // What ran in the slow frames, so that a long task can be told apart from the next.
      const frames: SlowFrame[] = []
      Object.assign(window, { soakSlowFrames: frames })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as AnimationFrameTiming[]) {
          if (entry.duration < slowFrameMs) continue
          const scripts = entry.scripts.map((script) => `${script.invoker} ${script.sourceFunctionName}@${script.sourceURL.split('/').pop()}:${script.sourceCharPosition} ${Math.round(script.duration)} ms`)
          frames.push({ start: entry.startTime, durationMs: entry.duration, renderMs: entry.startTime + entry.duration - entry.renderStart, scripts })
        }
      }).observe({ type: 'long-animation-frame', buffered: true })
    }, SLOW_FRAME_MS)
    const cdp = await browser.context.newCDPSession(page)
    // Paint is timed against a server that has its history, as a wall meets it, not against an empty one.
    await untilTodayHasRecords(app)
    const url = `${baseUrl}/wall?playlist=${options.playlist}&interval=${options.intervalS}`
    const started = Date.now()
    await page.goto(url)
    const paint = await firstMeaningfulPaint(page)
    const samples: SoakSample[] = []
    const sample = async () => {
      const taken = await measure(page, cdp, (Date.now() - started) / 1000)
      samples.push(taken)
      options.onSample?.(taken)
      return taken
    }
    const endAt = started + options.minutes * 60_000
    await waitUntil(started + options.baselineMinutes * 60_000)
    const baseline = await sampleAtEntryZero(page, sample)
    let nextMinute = Date.now() + 60_000
    while (Date.now() < endAt) {
      await page.waitForTimeout(1000)
      if (Date.now() >= nextMinute) {
        await sample()
        nextMinute += 60_000
      }
    }
    const end = await sampleAtEntryZero(page, sample)
    const tasks = await page.evaluate(() => (window as unknown as { soakLongTasks: { start: number; duration: number }[] }).soakLongTasks)
    const frames = await page.evaluate(() => (window as unknown as { soakSlowFrames: SlowFrame[] }).soakSlowFrames)
    const ranMs = Date.now() - started
    const afterStartup = tasks.filter((task) => task.start > paint.meaningfulMs + STARTUP_GRACE_MS)
    await page.reload()
    const reloadPaint = await firstMeaningfulPaint(page)
    return {
      minutes: ranMs / 60_000,
      speed: options.speed,
      playlist: options.playlist,
      firstMeaningfulPaintMs: paint.meaningfulMs,
      reloadMeaningfulPaintMs: reloadPaint.meaningfulMs,
      firstContentfulPaintMs: paint.contentfulMs,
      baseline,
      end,
      heapChangePercent: ((end.heapMB - baseline.heapMB) / baseline.heapMB) * 100,
      domChangePercent: ((end.domNodes - baseline.domNodes) / baseline.domNodes) * 100,
      longTasks: {
        count: afterStartup.length,
        over200ms: afterStartup.filter((task) => task.duration > 200).length,
        maxMs: Math.max(0, ...afterStartup.map((task) => task.duration)),
      },
      slowestFrames: frames
        .filter((frame) => frame.start > paint.meaningfulMs + STARTUP_GRACE_MS)
        .sort((a, b) => b.durationMs - a.durationMs)
        .slice(0, 5),
      playlistTurns: Math.floor(ranMs / (options.intervalS * 1000)),
      samples,
    }
  } finally {
    await browser.close()
    await app.close()
    if (options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** A server on a day of demo history in `dataDir`, the simulator sending `speed` times Sichuan's volume. */
export async function buildDemoApp(dataDir: string, speed: number): Promise<FastifyInstance> {
  const config = loadConfig({ REGDECK_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', REGDECK_DEMO_SPEED: String(speed), REGDECK_DEMO_HISTORY_DAYS: '1' })
  return buildApp({ config, logger: false })
}

export async function untilTodayHasRecords(app: FastifyInstance): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const summary = (await app.inject('/api/v1/regions/510000/summary?period=today')).json() as { metrics: { key: string; value: number | null }[] }
    if ((summary.metrics.find((metric) => metric.key === 'complaints_received')?.value ?? 0) > 0) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the demo wrote no records within two minutes')
}

async function waitUntil(at: number): Promise<void> {
  const wait = at - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

/** Runs in the page. Panels must be there too: between two screens there are none, and "every one of none" holds. */
function everyPanelShowsItsData(): boolean {
  const panels = [...document.querySelectorAll('[data-screen] [data-panel]')]
  return panels.length > 1 && panels.every((panel) => panel.querySelector('[data-updated-at]') !== null)
}

/** Navigation start to every panel of the first screen showing when its data changed. */
export async function firstMeaningfulPaint(page: Page): Promise<{ meaningfulMs: number; contentfulMs: number }> {
  await page.waitForFunction(
    everyPanelShowsItsData,
    undefined,
    { timeout: 60_000, polling: 20 },
  )
  return page.evaluate(() => ({
    meaningfulMs: performance.now(),
    contentfulMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  }))
}

/** Like is compared with like: the first playlist entry, settled, each time. */
async function sampleAtEntryZero(page: Page, sample: () => Promise<SoakSample>): Promise<SoakSample> {
  const entry = () => page.locator('[data-playlist-index]').getAttribute('data-playlist-index')
  // Wait for a fresh turn to entry 0, so that the screen has just been built.
  while ((await entry()) === '0') await page.waitForTimeout(200)
  while ((await entry()) !== '0') await page.waitForTimeout(200)
  await page.waitForTimeout(2000)
  return sample()
}

/** Readings taken per sample; the smallest counts. */
const HEAP_READINGS = 3

/**
 * What the page holds once its screen has settled. A reading taken while a panel's data is
 * still arriving counts that data's transient objects as held; on a loaded CI machine that
 * alone moved the figure by a sixth, so each sample is the smallest of a few readings, each
 * after a forced GC, once every panel shows its data. Two heap snapshots 90 s apart showed
 * what still grows: compiled code (the JIT warming) and the timeline's bounded buffers, no
 * object of the wall's.
 */
async function measure(page: Page, cdp: CDPSession, atS: number): Promise<SoakSample> {
  await page.waitForFunction(
    everyPanelShowsItsData,
    undefined,
    { timeout: 30_000, polling: 100 },
  )
  let heapBytes = Number.POSITIVE_INFINITY
  for (let reading = 0; reading < HEAP_READINGS; reading++) {
    if (reading > 0) await page.waitForTimeout(500)
    // Twice: what one collection frees can let go of more (weak references, finalizers).
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    heapBytes = Math.min(heapBytes, (await cdp.send('Runtime.getHeapUsage')).usedSize)
  }
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length)
  return { atS: Math.round(atS), heapMB: heapBytes / 2 ** 20, domNodes }
}
