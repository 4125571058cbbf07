// Who may hold a live socket, and what it may read: the handshake is identified once (a key
// or screen token as auth.token, or the session cookie), every request's region is checked
// against the caller's scope, and a socket whose credentials stop working, or whose user's
// scope changes, is told so and closed within a few heartbeats. Stock socket.io clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { revokeTokenHolder } from '../../../server/access/token-holders-repository'
import { updateUser } from '../../../server/access/users-repository'
import type { LiveAccessEnded, LiveDelta, Resynced, Subscribed } from '../../../shared/live'
import { ask, connectLive, connectedLive, type LiveClient, loggedInUser, tokenOf } from '../../support/live-credentials'
import { originOf } from '../../support/live-screen'
import { complaintReceivedNow } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const CHENGDU = '510100'
const JINJIANG = '510104' // a county of Chengdu
const MIANYANG = '510700' // beside Chengdu
const SICHUAN = '510000' // above Chengdu
const HEARTBEAT_MS = 300

/** What a socket heard before the server closed it. */
function watchEnd(socket: LiveClient): { ended: LiveAccessEnded[]; disconnects: string[] } {
  const heard = { ended: [] as LiveAccessEnded[], disconnects: [] as string[] }
  socket.on('access_ended', (ended) => heard.ended.push(ended))
  socket.on('disconnect', (reason) => heard.disconnects.push(reason))
  return heard
}

describe.each(testDatabaseKinds())('live socket access on %s', (kind) => {
  let testApp: TestApp
  let origin: string
  const open: LiveClient[] = []
  const keep = (socket: LiveClient) => (open.push(socket), socket)
  let integratorKey: string

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_ANONYMOUS: 'off', REGDECK_HEARTBEAT_MS: String(HEARTBEAT_MS), REGDECK_LIVE_TICK_MS: '100' })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    origin = originOf(testApp.app.server)
    integratorKey = (await tokenOf(testApp.app, 'key', 'province-feed', SICHUAN)).token
  })
  afterAll(async () => {
    for (const socket of open) socket.close()
    await testApp.close()
  })

  /** Records as a source posts them, with its integrator key. */
  const post = async (records: object[]) => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${integratorKey}` }, payload: records })
    expect(response.statusCode, response.body).toBeLessThan(300)
  }

  it('refuses a handshake without credentials, with a bad token or cookie, and from a key or an admin, which read nothing', async () => {
    expect(await connectLive(origin)).toMatchObject({ refused: { code: 'unauthenticated' } })
    expect(await connectLive(origin, { token: 'rds_not-a-real-token' })).toMatchObject({ refused: { code: 'unauthenticated' } })
    expect(await connectLive(origin, { token: 42 })).toMatchObject({ refused: { code: 'unauthenticated' } })
    expect(await connectLive(origin, { cookie: 'regdeck_session=made-up' })).toMatchObject({ refused: { code: 'unauthenticated' } })
    expect(await connectLive(origin, { token: integratorKey })).toMatchObject({ refused: { code: 'forbidden' } })
    const admin = await loggedInUser(testApp.app, 'liveadmin', 'admin', CHENGDU)
    expect(await connectLive(origin, { cookie: admin })).toMatchObject({ refused: { code: 'forbidden' } })
    // Over plain HTTP the __Host- name is not read: that cookie is as good as none.
    const leader = await loggedInUser(testApp.app, 'hostprefixed', 'leader', CHENGDU)
    expect(await connectLive(origin, { cookie: `__Host-${leader}` })).toMatchObject({ refused: { code: 'unauthenticated' } })
  })

  it("lets a Chengdu screen read inside its scope only, and nothing of another region reaches it while records flow everywhere", async () => {
    const screen = keep(await connectedLive(origin, { token: (await tokenOf(testApp.app, 'screen', 'chengdu-wall', CHENGDU)).token }))
    const deltas: LiveDelta[] = []
    screen.on('delta', (delta) => deltas.push(delta))
    const inside = await ask<Subscribed>(screen, 'subscribe', { region: JINJIANG, period: 'today' })
    expect(inside.ok).toBe(true)
    for (const region of [MIANYANG, SICHUAN]) {
      for (const [event, payload] of [
        ['subscribe', { region, period: 'today' }],
        ['resync', { region, period: 'today', fromSeq: 0 }],
      ] as const) {
        const answer = await ask(screen, event, payload)
        expect(answer, `${event} ${region}`).toMatchObject({ ok: false, error: { code: 'forbidden', message: `a screen scoped at ${CHENGDU} may not read at ${region}` } })
      }
    }
    // A province screen holds the province, so its views are read and changed on every record.
    const province = keep(await connectedLive(origin, { token: (await tokenOf(testApp.app, 'screen', 'province-wall', SICHUAN)).token }))
    expect((await ask(province, 'subscribe', { region: SICHUAN, period: 'today' })).ok).toBe(true)
    expect((await ask(province, 'subscribe', { region: MIANYANG, period: 'today' })).ok).toBe(true)
    const provinceDeltas: LiveDelta[] = []
    province.on('delta', (delta) => provinceDeltas.push(delta))

    await post([complaintReceivedNow({ id: 'C-mianyang-1', regionCode: '510703' }), complaintReceivedNow({ id: 'C-neijiang-1', regionCode: '511002' })])
    await expect.poll(() => provinceDeltas.map((delta) => delta.region).sort(), { timeout: 5000 }).toEqual([SICHUAN, MIANYANG])
    await post([complaintReceivedNow({ id: 'C-jinjiang-1', regionCode: JINJIANG }), complaintReceivedNow({ id: 'C-mianyang-2', regionCode: '510703' })])
    // The positive control: the screen's own view moves.
    await expect.poll(() => deltas.length, { timeout: 5000 }).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(deltas.map((delta) => delta.region)).toEqual([JINJIANG])
    const tickerRegions = (value: unknown): string[] => JSON.stringify(value).match(/"regionCode":"\d{6}"/g) ?? []
    expect(tickerRegions(deltas)).toEqual([`"regionCode":"${JINJIANG}"`])
    const fresh = await ask<Resynced>(screen, 'resync', { region: JINJIANG, period: 'today', fromSeq: 0 })
    if (!fresh.ok || fresh.data.kind !== 'snapshot') throw new Error('expected a snapshot')
    expect(Object.keys(fresh.data.snapshot.ticker)).toEqual(['complaint:C-jinjiang-1'])
    expect(new Set(tickerRegions(fresh.data.snapshot))).toEqual(new Set([`"regionCode":"${JINJIANG}"`]))
  })

  it('reads with a session cookie from POST /api/v1/session, inside the user’s scope', async () => {
    const cookie = await loggedInUser(testApp.app, 'cityofficer', 'duty_officer', CHENGDU)
    const socket = keep(await connectedLive(origin, { cookie }))
    expect((await ask(socket, 'subscribe', { region: JINJIANG, period: '7d' })).ok).toBe(true)
    expect(await ask(socket, 'subscribe', { region: MIANYANG, period: '7d' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('closes a screen’s socket within seconds of its token being revoked, saying so, and it stays closed', async () => {
    const { id, token } = await tokenOf(testApp.app, 'screen', 'to-revoke', CHENGDU)
    const socket = keep(await connectedLive(origin, { token }))
    const heard = watchEnd(socket)
    expect((await ask(socket, 'subscribe', { region: CHENGDU, period: 'today' })).ok).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS))
    expect(heard.disconnects).toEqual([]) // a valid token stays
    await revokeTokenHolder(testApp.app.database.db, id, 'test:live-access')
    await expect.poll(() => heard.disconnects, { timeout: 3000 }).toEqual(['io server disconnect'])
    expect(heard.ended).toEqual([{ reason: 'token_revoked', message: expect.any(String) }])
    expect(socket.active).toBe(false) // a stock client does not reconnect after a server disconnect
    expect(await connectLive(origin, { token })).toMatchObject({ refused: { code: 'unauthenticated' } })
  })

  it('closes a user’s socket when the user is disabled, and when the user’s region is changed', async () => {
    const disabled = keep(await connectedLive(origin, { cookie: await loggedInUser(testApp.app, 'tobedisabled', 'leader', CHENGDU) }))
    const moved = keep(await connectedLive(origin, { cookie: await loggedInUser(testApp.app, 'tobemoved', 'region_officer', CHENGDU) }))
    const stays = keep(await connectedLive(origin, { cookie: await loggedInUser(testApp.app, 'staysput', 'leader', CHENGDU) }))
    const heard = { disabled: watchEnd(disabled), moved: watchEnd(moved), stays: watchEnd(stays) }
    const db = testApp.app.database.db
    await updateUser(db, 'tobedisabled', { disabled: true }, 'test:live-access', () => true)
    await updateUser(db, 'tobemoved', { region: MIANYANG }, 'test:live-access', () => true)
    await expect.poll(() => [heard.disabled.disconnects, heard.moved.disconnects], { timeout: 3000 }).toEqual([['io server disconnect'], ['io server disconnect']])
    expect(heard.disabled.ended.map((ended) => ended.reason)).toEqual(['session_ended'])
    expect(heard.moved.ended.map((ended) => ended.reason)).toEqual(['scope_changed'])
    expect(heard.stays).toEqual({ ended: [], disconnects: [] })
    expect((await ask(stays, 'subscribe', { region: CHENGDU, period: 'today' })).ok).toBe(true)
  })
})

describe('the anonymous viewer on the live socket', () => {
  let testApp: TestApp
  let socket: LiveClient | undefined
  beforeAll(async () => {
    testApp = await startTestApp('pglite', { REGDECK_ANONYMOUS: 'viewer' })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    socket?.close()
    await testApp.close()
  })

  it('connects without credentials and reads the province; a bad credential is refused, not passed over for it', async () => {
    socket = await connectedLive(originOf(testApp.app.server))
    expect((await ask(socket, 'subscribe', { region: SICHUAN, period: 'today' })).ok).toBe(true)
    expect(await connectLive(originOf(testApp.app.server), { token: 'rds_revoked-or-never-was' })).toMatchObject({ refused: { code: 'unauthenticated' } })
  })
})
