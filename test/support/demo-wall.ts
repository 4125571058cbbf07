// A wall's server as the screen tests use it: PGlite fed by the demo (a day of history, then
// live records at 50× Sichuan's volume), listening once the demo says its history is in, with a
// campaign running today (the demo plans none with less than a month to run, so a day of
// history in December has none) whose targets are set for some regions.
import type { FastifyInstance } from 'fastify'
import { addCalendarDays, localDateOf } from '../../server/time/zoned-time'
import { listenForBrowser } from './browser'
import { campaign } from './record-factory'
import { buildTestApp } from './test-app'
import { type TestDatabase, createTestDatabase } from './test-databases'

export interface DemoWall {
  app: FastifyInstance
  baseUrl: string
  close(): Promise<void>
}

export async function startDemoWall(running: { campaignId: string; targetRegions: readonly string[] }): Promise<DemoWall> {
  const database: TestDatabase = await createTestDatabase('pglite')
  const app = await buildTestApp({ ...database.env, REGDECK_DEMO: '1', REGDECK_DEMO_SPEED: '50', REGDECK_DEMO_HISTORY_DAYS: '1', REGDECK_HEARTBEAT_MS: '1000' })
  const close = async () => {
    await app.close()
    await database.drop()
  }
  try {
    // Subscribed before listening: the history starts once the server listens.
    const historyIn = untilDemoHistoryIn(app)
    const baseUrl = await listenForBrowser(app)
    await historyIn
    const today = localDateOf(new Date(), 'Asia/Shanghai')
    const targets = running.targetRegions.map((regionCode) => ({ regionCode, inspections: 500, cases: 20 }))
    await app.ingest.ingest([campaign({ id: running.campaignId, startsOn: addCalendarDays(today, -60), endsOn: addCalendarDays(today, 30), targets })], { partial: false })
    return { app, baseUrl, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Resolves when the demo says its history is done; call it before the server listens. */
function untilDemoHistoryIn(app: FastifyInstance): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo history was not in within a minute')), 60_000)
    const stop = app.events.demoHistory.subscribe(({ percent }) => {
      if (percent !== null) return
      clearTimeout(timer)
      stop()
      resolve()
    })
  })
}
