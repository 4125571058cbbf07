// The database restarts under a running server: screens are told at once that their
// data is not current, and once it is back they recover by themselves, with nothing
// missing. On a PostgreSQL server of the test's own, so that it can be stopped.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Heartbeat } from '../../../shared/live'
import { httpSnapshot } from '../../support/http-snapshot'
import { integratorHeaders } from '../../support/integrator-key'
import { type HeldView, TestScreen, originOf } from '../../support/live-screen'
import { type PrivatePostgres, startPrivatePostgres } from '../../support/private-postgres'
import { complaintReceivedNow } from '../../support/record-factory'
import { buildTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const VIEW = { region: '510100', period: 'today' }

// The embedded database has no server to restart; this needs PostgreSQL (always there in CI).
describe.skipIf(!testDatabaseKinds().includes('postgres'))('a screen across a restart of the PostgreSQL server', () => {
  let postgres: PrivatePostgres
  let app: FastifyInstance
  // A second instance on the same database: it hears of app's commits through the socket.io adapter.
  let other: FastifyInstance
  let screen: TestScreen
  let held: HeldView
  let otherHeld: HeldView
  const beats: Heartbeat[] = []
  const complaintNow = (id: string) => complaintReceivedNow({ id })

  beforeAll(async () => {
    postgres = await startPrivatePostgres()
    const env = { DATABASE_URL: postgres.url, REGDECK_HEARTBEAT_MS: '300', REGDECK_LIVE_TICK_MS: '100' }
    app = await buildTestApp(env)
    other = await buildTestApp(env)
    await app.listen({ port: 0, host: '127.0.0.1' })
    await other.listen({ port: 0, host: '127.0.0.1' })
    screen = await TestScreen.connect(originOf(app.server))
    screen.socket.on('heartbeat', (beat) => beats.push(beat))
    held = await screen.hold(VIEW)
    otherScreen = await TestScreen.connect(originOf(other.server))
    otherHeld = await otherScreen.hold(VIEW)
  }, 60_000)
  let otherScreen: TestScreen
  afterAll(async () => {
    screen?.close()
    otherScreen?.close()
    await other?.close()
    await app?.close()
    await postgres?.remove()
  })

  it('says the database is unreachable while it is down, and recovers by itself with nothing missing', async () => {
    await app.ingest.ingest([complaintNow('C-before-db-restart')], { partial: false })
    await expect.poll(() => held.snapshot.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value, { timeout: 3000 }).toBe(1)
    await expect.poll(() => beats.at(-1)?.database, { timeout: 3000 }).toBe('reachable')

    const headers = await integratorHeaders(app) // made while the database is up
    await postgres.stop()
    await expect.poll(() => beats.at(-1)?.database, { timeout: 5000 }).toBe('unreachable')
    // The socket stays up: the screen shows its last data, marked not current.
    expect(screen.socket.connected).toBe(true)
    // A source posting meanwhile is told to come back; nothing is written.
    const refused = await app.inject({ method: 'POST', url: '/api/v1/records', headers, payload: [complaintNow('C-refused')] })
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.headers['retry-after']).toBe('5')
    expect(refused.json()).toMatchObject({ title: 'Service unavailable', detail: expect.stringMatching(/database cannot be reached.*nothing was changed/) })

    await postgres.start()
    await expect.poll(() => beats.at(-1)?.database, { timeout: 15_000 }).toBe('reachable')
    await app.ingest.ingest([complaintNow('C-after-db-restart')], { partial: false })
    await expect.poll(() => held.snapshot.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value, { timeout: 5000 }).toBe(2)
    expect(held.gaps).toBe(0)
    expect(held.snapshot).toEqual(await httpSnapshot(app, VIEW))
    // The other instance's adapter listens again: the commit reached its screen too.
    await expect.poll(() => otherHeld.snapshot.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value, { timeout: 10_000 }).toBe(2)
    expect(otherHeld.snapshot).toEqual(await httpSnapshot(other, VIEW))
  }, 60_000)
})
