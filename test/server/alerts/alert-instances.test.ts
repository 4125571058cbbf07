// Two instances evaluating the same rules on one PostgreSQL database at the same moment:
// the fingerprint's unique constraint and each step's locked, state-checked transaction let
// exactly one of them raise an alert, and neither loses it.
import type { FastifyInstance } from 'fastify'
import { type Socket, io } from 'socket.io-client'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveDelta, type LiveServerToClientEvents, type Subscribed } from '../../../shared/live'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveAlertSettings } from '../../../server/alerts/alert-settings'
import { complaint, enforcementCase } from '../../support/record-factory'
import { type TestApp, buildTestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const NOW = new Date('2026-11-20T07:00:00Z')
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)

// The embedded database serves one process; instances share a PostgreSQL server.
describe.skipIf(!testDatabaseKinds().includes('postgres'))('two instances evaluating alerts on one PostgreSQL database', () => {
  let instanceA: TestApp
  let instanceB: FastifyInstance
  const db = () => instanceA.app.database.db
  const eventsOf = async (rule: string) =>
    (await db().selectFrom('alert_events').innerJoin('alerts', 'alerts.id', 'alert_events.alert_id').select(['alert_events.kind', 'alerts.region_code']).where('alerts.rule', '=', rule).orderBy('alert_events.id').execute()).map(
      (event) => `${event.region_code} ${event.kind}`,
    )
  /** Both instances evaluate every region at `now`, at once. */
  const together = (now: Date) => Promise.all([instanceA.app.alerts.evaluate(now, 'all'), instanceB.alerts.evaluate(now, 'all')])

  beforeAll(async () => {
    instanceA = await startTestApp('postgres', { REGDECK_ALERT_INTERVAL_MS: '0' })
    instanceB = await buildTestApp({ ...instanceA.database.env, REGDECK_ALERT_INTERVAL_MS: '0' })
  })
  afterAll(async () => {
    await instanceB.close()
    await instanceA.close()
  })

  it('raise an alert that fires at once exactly once, and resolve it exactly once', async () => {
    const cases = ['510104', '510703', '511002'].map((regionCode, n) => enforcementCase({ id: `K-twice-${n}`, regionCode, major: true, openedAt: '2026-11-10T10:00:00+08:00', statusAt: '2026-11-10T10:00:00+08:00' }))
    await instanceA.app.ingest.ingest(cases, { partial: false })
    for (let round = 0; round < 3; round += 1) await together(at(round))
    expect(await db().selectFrom('alerts').select('region_code').where('rule', '=', 'major_case').orderBy('region_code').execute()).toHaveLength(3)
    await instanceB.ingest.ingest(cases.map((record) => ({ ...record, status: 'decided' as const, statusAt: '2026-11-19T10:00:00+08:00' })), { partial: false })
    for (let round = 3; round < 6; round += 1) await together(at(round))
    expect((await eventsOf('major_case')).sort()).toEqual(['510104 raised', '510104 resolved', '510703 raised', '510703 resolved', '511002 raised', '511002 resolved'])
  })

  it("tell a screen on the other instance of an alert one of them raised", async () => {
    await instanceB.listen({ port: 0, host: '127.0.0.1' })
    const address = instanceB.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    const socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> = io(`http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false })
    try {
      const deltas: LiveDelta[] = []
      socket.on('delta', (delta) => deltas.push(delta))
      await new Promise<void>((resolve) => socket.on('connect', resolve))
      const answer = await new Promise<LiveAck<Subscribed>>((resolve) => socket.emit('subscribe', { region: '510900', period: 'today' }, resolve))
      if (!answer.ok) throw new Error(answer.error.message)
      // Written and evaluated on A alone, with no record going through B.
      const major = enforcementCase({ id: 'K-across', regionCode: '510903', major: true, openedAt: '2026-11-10T10:00:00+08:00', statusAt: '2026-11-10T10:00:00+08:00' })
      await instanceA.app.ingest.ingest([major], { partial: false })
      // The record reaches B's screen first (its ticker); the alert must come on its own.
      await expect.poll(() => deltas.some((delta) => delta.changes.some((change) => change.path.startsWith('/ticker/'))), { timeout: 5000 }).toBe(true)
      expect(deltas.some((delta) => delta.changes.some((change) => change.path.startsWith('/alerts/')))).toBe(false)
      await instanceA.app.alerts.evaluate(new Date(), ['510903'])
      await expect.poll(() => deltas.some((delta) => delta.changes.some((change) => change.path.startsWith('/alerts/'))), { timeout: 5000 }).toBe(true)
    } finally {
      socket.disconnect()
    }
  })

  it('raise an alert with a hold exactly once when its hold runs out', async () => {
    await saveAlertSettings(db(), 'overdue_backlog', { fireLevel: 2, clearLevel: 1, holdMinutes: 10, minExcess: 0, groupChildren: 3 }, 'test:instances')
    const overdue = (n: number) => complaint({ id: `C-twice-${n}`, regionCode: '510106', receivedAt: '2026-11-02T09:30:00+08:00', statusAt: '2026-11-02T09:30:00+08:00' })
    await instanceA.app.ingest.ingest([overdue(1), overdue(2)], { partial: false })
    await together(at(10))
    await together(at(20))
    await together(at(21))
    expect(await eventsOf('overdue_backlog')).toEqual(['510106 raised'])
  })
})
