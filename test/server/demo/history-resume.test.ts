// A SIGTERM while a first start fills the demo's history is a shutdown, not an error,
// and the next start carries on where the first stopped: every day of the history
// ends up with records. Real processes, as an operator meets them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RegionTrend } from '../../../shared/metrics'
import { freePort } from '../../support/free-port'
import { exitOf, killAllStarted, startNodeScript, waitForLine } from '../../support/processes'

const HISTORY_DAYS = 3

describe('the demo history across a shutdown during the first start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-history-'))
  afterAll(() => {
    killAllStarted()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('stops the fill as a shutdown and finishes it on the next start', async () => {
    const port = String(await freePort())
    const start = () => startNodeScript('server/main.ts', { REGDECK_DATA_DIR: dataDir, PORT: port, REGDECK_DEMO: '1', REGDECK_DEMO_HISTORY_DAYS: String(HISTORY_DAYS) })
    const collect = (child: ReturnType<typeof start>) => {
      let output = ''
      child.stdout?.on('data', (chunk) => (output += chunk))
      child.stderr?.on('data', (chunk) => (output += chunk))
      return () => output
    }

    const first = start()
    const firstOutput = collect(first)
    await waitForLine(first, /demo: history \d+%, [\d,]+ records at [\d,]+ records\/s, ETA \S+/, 90_000)
    first.kill('SIGTERM')
    expect(await exitOf(first)).toBe(0)
    expect(firstOutput()).not.toContain('stopped by an error')
    expect(firstOutput()).toMatch(/demo: stopped for the shutdown with the history filled up to \S+; the next start carries on from there/)

    const second = start()
    const secondOutput = collect(second)
    await waitForLine(second, /demo: history ready/, 180_000)
    expect(secondOutput()).toMatch(/demo: carrying on with the history \(.+\) where the last start stopped/)

    const response = await fetch(`http://127.0.0.1:${port}/api/v1/regions/510000/trend?metric=complaints_received&days=${HISTORY_DAYS + 1}`)
    const trend = (await response.json()) as RegionTrend
    // Every whole day of the history holds complaints: none was left out by the stop.
    const wholeDays = trend.points.slice(1, -1)
    expect(wholeDays).toHaveLength(HISTORY_DAYS - 1)
    for (const point of wholeDays) expect(point.value, point.day).toBeGreaterThan(500)
    second.kill('SIGTERM')
    expect(await exitOf(second)).toBe(0)
  }, 300_000)
})
