import Fastify from 'fastify'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { pausedAfter, runEvery, runPaced } from '../../../server/jobs/interval-job'

describe('runEvery', () => {
  it('never runs twice at once: a run still going skips the tick, and close waits for it', async () => {
    const app = Fastify()
    let active = 0
    let mostAtOnce = 0
    let finished = 0
    runEvery(app, 5, 'slow work', async () => {
      active += 1
      mostAtOnce = Math.max(mostAtOnce, active)
      await sleep(40)
      active -= 1
      finished += 1
    })
    await app.ready()
    await sleep(200)
    await app.close()
    expect(mostAtOnce).toBe(1)
    expect(finished).toBeGreaterThanOrEqual(2)
    expect(active).toBe(0)
  })

  it('keeps going after a failed run', async () => {
    const app = Fastify({ logger: false })
    let runs = 0
    runEvery(app, 5, 'failing work', async () => {
      runs += 1
      throw new Error('database away')
    })
    await app.ready()
    await sleep(60)
    await app.close()
    expect(runs).toBeGreaterThanOrEqual(3)
  })
})

describe('runPaced', () => {
  it('waits the minimum after cheap runs, and long enough after a long run to keep to its share', () => {
    const pace = { minIntervalMs: 1000, share: 0.05 }
    expect(pausedAfter(20, pace)).toBe(1000)
    expect(pausedAfter(150, pace)).toBeCloseTo(2850)
    expect(pausedAfter(500, { minIntervalMs: 0, share: 0.5 })).toBeCloseTo(500)
  })

  it('runs one at a time, spaced by its pace, keeps going after a failure, and close waits for a run', async () => {
    const app = Fastify({ logger: false })
    const starts: number[] = []
    let active = 0
    let mostAtOnce = 0
    // Each run takes 30 ms; at half the time, the next starts ≈ 30 ms after it ends.
    runPaced(app, { minIntervalMs: 1, share: 0.5 }, 'paced work', async () => {
      starts.push(performance.now())
      active += 1
      mostAtOnce = Math.max(mostAtOnce, active)
      await sleep(30)
      active -= 1
      if (starts.length === 2) throw new Error('database away')
    })
    await app.ready()
    await sleep(400)
    await app.close()
    expect(mostAtOnce).toBe(1)
    expect(active).toBe(0)
    expect(starts.length).toBeGreaterThanOrEqual(3)
    // start to start: the run's 30 ms and a pause of about as long (timers fire late, never early)
    for (let n = 1; n < starts.length; n++) expect((starts[n] as number) - (starts[n - 1] as number)).toBeGreaterThanOrEqual(58)
  })
})
