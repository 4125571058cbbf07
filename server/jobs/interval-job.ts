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
