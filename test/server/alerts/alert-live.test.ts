// A screen subscribed to a region hears of an alert of its subtree within a delta, through
// the same protocol as every other figure, and its snapshot matches GET /api/v1/alerts.
import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveDelta, type LiveServerToClientEvents, type LiveSnapshot, type Subscribed } from '../../../shared/live'
import { applyChanges } from '../../../shared/live-patch'
import { httpSnapshot } from '../../support/http-snapshot'
import { enforcementCase } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

describe.each(testDatabaseKinds())('alerts on a live screen on %s', (kind) => {
  let testApp: TestApp
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents>
  const deltas: LiveDelta[] = []

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_LIVE_TICK_MS: '100', REGDECK_ALERT_INTERVAL_MS: '0' })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    const address = testApp.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    socket = io(`http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false })
    socket.on('delta', (delta) => deltas.push(delta))
    await new Promise<void>((resolve) => socket.on('connect', resolve))
  })
  afterAll(async () => {
    socket.disconnect()
    await testApp.close()
  })

  it("brings an alert raised in a county to its city's screen in a delta, as the HTTP read has it", async () => {
    const answer = await new Promise<LiveAck<Subscribed>>((resolve) => socket.emit('subscribe', { region: '510700', period: 'today' }, resolve))
    if (!answer.ok) throw new Error(answer.error.message)
    expect(answer.data.snapshot.alerts).toEqual({})
    await testApp.app.ingest.ingest([enforcementCase({ id: 'K-live-1', regionCode: '510703', major: true, openedAt: '2026-11-10T10:00:00+08:00', statusAt: '2026-11-10T10:00:00+08:00' })], { partial: false })
    // The record itself reaches the screen first (its ticker); the alert must come on its own.
    const touchesTicker = (delta: LiveDelta) => delta.changes.some((change) => change.path.startsWith('/ticker/'))
    await expect.poll(() => deltas.some(touchesTicker), { timeout: 3000 }).toBe(true)
    expect(deltas.some((delta) => delta.changes.some((change) => change.path.startsWith('/alerts/')))).toBe(false)
    const changed = await testApp.app.alerts.evaluate(new Date())
    expect(changed).toEqual(new Set(['510703']))
    await expect.poll(() => deltas.some((delta) => delta.changes.some((change) => change.path.startsWith('/alerts/'))), { timeout: 3000 }).toBe(true)
    const built = deltas.reduce((snapshot, delta) => applyChanges(snapshot, delta.changes), answer.data.snapshot as LiveSnapshot)
    expect(Object.values(built.alerts).map((alert) => [alert.rule, alert.subject, alert.regionCode])).toEqual([['major_case', 'K-live-1', '510703']])
    expect(built.alerts).toEqual((await httpSnapshot(testApp.app, { region: '510700', period: 'today' })).alerts)
  })
})
