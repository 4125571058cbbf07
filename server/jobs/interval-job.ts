// Background work on a timer, for the app's lifetime. A run still going when the next
// tick comes skips that tick: runs that wait on a lock another instance holds must
// not pile up and take every pooled connection.
import type { FastifyInstance } from 'fastify'

export function runEvery(app: FastifyInstance, intervalMs: number, description: string, work: () => Promise<unknown>): void {
  let running: Promise<unknown> | undefined
  const timer = setInterval(() => {
    if (running !== undefined) return
    running = work()
      .catch((error: unknown) => app.log.warn({ err: error }, `${description} failed; retrying next interval`))
      .finally(() => {
        running = undefined
      })
  }, intervalMs)
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}

export interface Pace {
  minIntervalMs: number
  /** of the time, at most, spent running */
  share: number
}

/** The wait after a run of `runMs` that keeps runs to `share` of the time, and never below minIntervalMs. */
export const pausedAfter = (runMs: number, { minIntervalMs, share }: Pace): number => Math.max(minIntervalMs, (runMs * (1 - share)) / share)

/**
 * Background work that takes at most a share of the time: cheap runs come every minIntervalMs;
 * runs that grow with load (the alert rules under heavy ingest) come less often instead of
 * taking a core.
 */
export function runPaced(app: FastifyInstance, pace: Pace, description: string, work: () => Promise<unknown>): void {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let closing = false
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      const started = performance.now()
      running = work()
        .catch((error: unknown) => app.log.warn({ err: error }, `${description} failed; retrying next interval`))
        .finally(() => {
          running = undefined
          if (!closing) schedule(pausedAfter(performance.now() - started, pace))
        })
    }, delayMs)
  }
  schedule(pace.minIntervalMs)
  app.addHook('onClose', async () => {
    closing = true
    clearTimeout(timer)
    await running
  })
}
