// The demo through the real ingest path, on both databases: a backfill, live ticks
// that stop with the app, and a demo server that answers health while it fills history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { backfill } from '../../../server/demo/backfill'
import { DemoGenerator } from '../../../server/demo/generator'
import { ingestPoster } from '../../../server/demo/ingest-client'
import { LiveSimulator } from '../../../server/demo/simulator'
import { type TestApp, buildTestApp, startTestApp } from '../../support/test-app'
import { createTestDatabase, testDatabaseKinds } from '../../support/test-databases'

const DAY_MS = 86_400_000

describe.each(testDatabaseKinds())('demo into ingest on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  const storedCount = async () => {
    const row = await testApp.app.database.db.selectFrom('records').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow()
    return Number(row.count)
  }

  it('backfills a day of history that ingest accepts in full', { timeout: 240_000 }, async () => {
    const { app } = testApp
    const now = Date.now()
    const summary = await backfill(new DemoGenerator({ regions: app.regions, seed: 21 }), ingestPoster(app), { from: now - DAY_MS, to: now })
    expect(summary.result.rejected, JSON.stringify(summary.result.errors)).toBe(0)
    expect(summary.records).toBeGreaterThan(1000)
    expect(summary.result.accepted + summary.result.updated).toBe(summary.records)
    expect(await storedCount()).toBe(summary.result.accepted)
  })

  it('posts live records each tick and nothing once stopped', async () => {
    const { app } = testApp
    const before = await storedCount()
    const simulator = new LiveSimulator(new DemoGenerator({ regions: app.regions, seed: 22 }), ingestPoster(app), app.log, { speed: 2000, tickMs: 100 })
    simulator.start(Date.now())
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await simulator.stop()
    const afterStop = await storedCount()
    expect(afterStop).toBeGreaterThan(before)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await storedCount()).toBe(afterStop)
  })

  it('starts a demo server that answers health at once and closes cleanly mid-history', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase(kind)
    const app = await buildTestApp({ ...database.env, REGDECK_DEMO: '1' })
    // A first start fills a year: health must not wait for it (its speed is the bench's business).
    let historyDone = false
    app.events.demoHistory.subscribe(({ percent }) => (historyDone ||= percent === null))
    try {
      await app.listen({ port: 0, host: '127.0.0.1' })
      const address = app.server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`)
      expect(response.status).toBe(200)
      expect(historyDone).toBe(false)
    } finally {
      await app.close()
      await database.drop()
    }
  })
})
