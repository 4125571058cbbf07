// A demo test server's history is in once its newest ticker line is minutes old: the history
// is written oldest first (whatever the time of day, just after midnight too).
import type { FastifyInstance } from 'fastify'
import { expect, vi } from 'vitest'

export async function untilDemoHistoryIn(app: FastifyInstance): Promise<void> {
  await vi.waitFor(
    async () => {
      const ticker = (await app.inject('/api/v1/regions/510000/ticker')).json() as Record<string, { at: string }>
      const newest = Math.max(...Object.values(ticker).map((item) => Date.parse(item.at)))
      expect(Date.now() - newest).toBeLessThan(10 * 60_000)
    },
    { timeout: 60_000, interval: 500 },
  )
}
