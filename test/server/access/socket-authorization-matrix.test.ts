// The live socket's authorization matrix, from one table: every principal × every request a
// client may send (LIVE_CLIENT_EVENTS, the list the server registers its handlers from) ×
// a region inside, beside and above a Chengdu scope. A new event without a row fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserRole } from '../../../server/access/roles'
import { roomOf } from '../../../server/live/live-views'
import { LIVE_CLIENT_EVENTS, LIVE_NAMESPACE, type LiveConnectErrorCode } from '../../../shared/live'
import { originOf } from '../../support/live-screen'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { type LiveClient, type Presenting, ask, connectLive, loggedInUser, tokenOf } from './live-credentials'

const SCOPE = '510100' // Chengdu
const PLACES = { inside: '510104', beside: '510700', above: '510000' } as const
type Place = keyof typeof PLACES

const PRINCIPALS = ['leader', 'duty_officer', 'region_officer', 'admin', 'screen', 'integrator', 'anonymous', 'nobody'] as const
type PrincipalName = (typeof PRINCIPALS)[number]

/** The outcome of a cell: the request answered, refused as `forbidden`, or no socket at all (the handshake's code). */
type Cell = 'allow' | 'deny' | { handshake: LiveConnectErrorCode }
const SCOPED: Record<Place, Cell> = { inside: 'allow', beside: 'deny', above: 'deny' }
/** The anonymous viewer is scoped at the province (510000): above Chengdu is inside its scope. */
const PROVINCE: Record<Place, Cell> = { inside: 'allow', beside: 'allow', above: 'allow' }
const noSocket = (code: LiveConnectErrorCode): Record<Place, Cell> => ({ inside: { handshake: code }, beside: { handshake: code }, above: { handshake: code } })

/** THE table: for each client event, its payload at a region and each principal's outcome per place. */
const MATRIX: Record<string, { payload: (region: string) => object; joins: boolean; cells: Record<PrincipalName, Record<Place, Cell>> }> = {
  subscribe: {
    payload: (region) => ({ region, period: 'today' }),
    joins: true,
    cells: { leader: SCOPED, duty_officer: SCOPED, region_officer: SCOPED, admin: noSocket('forbidden'), screen: SCOPED, integrator: noSocket('forbidden'), anonymous: PROVINCE, nobody: noSocket('unauthenticated') },
  },
  resync: {
    payload: (region) => ({ region, period: 'today', fromSeq: 0 }),
    joins: true,
    cells: { leader: SCOPED, duty_officer: SCOPED, region_officer: SCOPED, admin: noSocket('forbidden'), screen: SCOPED, integrator: noSocket('forbidden'), anonymous: PROVINCE, nobody: noSocket('unauthenticated') },
  },
  unsubscribe: {
    payload: (region) => ({ region, period: 'today' }),
    joins: false,
    cells: { leader: SCOPED, duty_officer: SCOPED, region_officer: SCOPED, admin: noSocket('forbidden'), screen: SCOPED, integrator: noSocket('forbidden'), anonymous: PROVINCE, nobody: noSocket('unauthenticated') },
  },
}

describe('the socket authorization matrix', () => {
  it('has a row for every client event, and a cell for every principal and place', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...LIVE_CLIENT_EVENTS].sort())
    for (const row of Object.values(MATRIX)) {
      expect(Object.keys(row.cells).sort()).toEqual([...PRINCIPALS].sort())
      for (const cells of Object.values(row.cells)) expect(Object.keys(cells).sort()).toEqual(Object.keys(PLACES).sort())
    }
  })
})

describe.each(testDatabaseKinds())('the socket authorization matrix on %s', (kind) => {
  // Reading anonymously is a server-wide setting: the anonymous viewer has an app of its own.
  let closedApp: TestApp
  let openApp: TestApp
  const presenting = new Map<PrincipalName, { app: () => TestApp; presenting: Presenting }>()
  const sockets: LiveClient[] = []

  beforeAll(async () => {
    ;[closedApp, openApp] = await Promise.all([startTestApp(kind, { REGDECK_ANONYMOUS: 'off' }), startTestApp(kind, { REGDECK_ANONYMOUS: 'viewer' })])
    await closedApp.app.listen({ port: 0, host: '127.0.0.1' })
    await openApp.app.listen({ port: 0, host: '127.0.0.1' })
    const closed = () => closedApp
    for (const role of ['leader', 'duty_officer', 'region_officer', 'admin'] as UserRole[]) {
      presenting.set(role, { app: closed, presenting: { cookie: await loggedInUser(closedApp.app, `matrix_${role.replace('_', '')}`, role, SCOPE) } })
    }
    presenting.set('screen', { app: closed, presenting: { token: (await tokenOf(closedApp.app, 'screen', 'matrix-screen', SCOPE)).token } })
    presenting.set('integrator', { app: closed, presenting: { token: (await tokenOf(closedApp.app, 'key', 'matrix-key', SCOPE)).token } })
    presenting.set('anonymous', { app: () => openApp, presenting: {} })
    presenting.set('nobody', { app: closed, presenting: {} })
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await Promise.all([closedApp?.close(), openApp?.close()])
  })

  const cases = Object.entries(MATRIX).flatMap(([event, row]) =>
    PRINCIPALS.flatMap((principal) => (Object.keys(PLACES) as Place[]).map((place) => ({ event, principal, place, row, cell: row.cells[principal][place] }))),
  )
  it.each(cases)('$event by $principal $place the scope', async ({ event, principal, place, row, cell }) => {
    const who = presenting.get(principal)
    if (who === undefined) throw new Error(`no credentials for ${principal}`)
    const { app } = who.app()
    const outcome = await connectLive(originOf(app.server), who.presenting)
    if (typeof cell === 'object') {
      expect(outcome).toMatchObject({ refused: { code: cell.handshake } })
      return
    }
    if ('refused' in outcome) throw new Error(`${principal} was refused at the handshake: ${outcome.message}`)
    const { socket } = outcome
    sockets.push(socket)
    const region = PLACES[place]
    const answer = await ask(socket, event, row.payload(region))
    if (cell === 'allow') expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true })
    else expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // Refused or left, the socket is not in the view's room; allowed, a subscribing request joins it.
    const members = app.io.of(LIVE_NAMESPACE).adapter.rooms.get(roomOf({ region, period: 'today' }))
    expect(members?.has(socket.id ?? '') ?? false).toBe(cell === 'allow' && row.joins)
    socket.close()
  })
})
