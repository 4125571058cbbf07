// The soak test in its short form: the wall runs for a minute and a half with the simulator at 200×
// and the playlist turning every 3 s (thirty turns, a minute between the two readings); what the page holds at the end (JS heap after a forced
// GC, DOM nodes) stays within 10% of what it held early on, at the same playlist entry.
// The 30-minute run is `npm run soak`, which also judges long tasks: on a CI machine running
// other suites beside this one, their timing says more about the neighbours than the wall.
import { expect, it } from 'vitest'
import { SOAK_LIMITS } from '../soak/limits'
import { runWallSoak } from '../soak/wall-soak'
import { createTestDatabase } from '../support/test-databases'

it('holds steady memory and DOM while rotating for a minute and a half under a fast stream', async () => {
  const database = await createTestDatabase('pglite')
  const figures = await runWallSoak({ minutes: 1.5, baselineMinutes: 0.25, speed: 200, playlist: 'overview,campaign,complaints,inspections', intervalS: 3, dataDir: database.env.REGDECK_DATA_DIR }).finally(() => database.drop())
  process.stdout.write(`soak (short): heap ${figures.baseline.heapMB.toFixed(1)} → ${figures.end.heapMB.toFixed(1)} MB, DOM ${figures.baseline.domNodes} → ${figures.end.domNodes}, long tasks over 200 ms ${figures.longTasks.over200ms} (longest ${figures.longTasks.maxMs.toFixed(0)} ms), ${figures.playlistTurns} turns\n`)
  expect(figures.playlistTurns).toBeGreaterThanOrEqual(20)
  expect(figures.end.atS - figures.baseline.atS).toBeGreaterThanOrEqual(60)
  expect(Math.abs(figures.heapChangePercent)).toBeLessThanOrEqual(SOAK_LIMITS.changePercent)
  expect(Math.abs(figures.domChangePercent)).toBeLessThanOrEqual(SOAK_LIMITS.changePercent)
}, 240_000)
