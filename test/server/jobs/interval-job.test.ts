import Fastify from 'fastify'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { runEvery } from '../../../server/jobs/interval-job'

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
