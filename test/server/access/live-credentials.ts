// Principals for the live socket suites: users logged in over the app's own route (a real
// session cookie), keys and screens from the repository, and a stock socket.io client that
// presents them as a browser or a wall PC would.
import type { FastifyInstance } from 'fastify'
import { type Socket, io } from 'socket.io-client'
import { hashPassword } from '../../../server/access/passwords'
import type { UserRole } from '../../../server/access/roles'
import { createTokenHolder } from '../../../server/access/token-holders-repository'
import { createUser } from '../../../server/access/users-repository'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveConnectErrorData, type LiveServerToClientEvents } from '../../../shared/live'

const PASSWORD = 'correct horse battery'
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }

export type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

/** How a client presents itself: `auth: { token }`, a Cookie header, or nothing. */
export interface Presenting {
  token?: unknown
  cookie?: string
  headers?: Record<string, string>
}

let addresses = 0

/** A user made with the repository and logged in through POST /api/v1/session: its cookie as a Cookie header. */
export async function loggedInUser(app: FastifyInstance, username: string, role: UserRole, region: string): Promise<string> {
  await createUser(app.database.db, { username, passwordHash: await hashPassword(PASSWORD, TEST_COST), role, region }, 'test:live-access')
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: `10.2.0.${++addresses}`, payload: { username, password: PASSWORD } })
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`)
  const [cookie] = response.cookies as { name: string; value: string }[]
  return `${cookie?.name}=${cookie?.value}`
}

export async function tokenOf(app: FastifyInstance, kind: 'key' | 'screen', name: string, region: string): Promise<{ id: string; token: string }> {
  const { id, token } = await createTokenHolder(app.database.db, { kind, name, region }, 'test:live-access')
  return { id, token }
}

/** Connects without reconnecting; resolves with the socket, or with the handshake's refusal. */
export function connectLive(origin: string, presenting: Presenting = {}): Promise<{ socket: LiveClient } | { refused: LiveConnectErrorData | undefined; message: string }> {
  const socket: LiveClient = io(`${origin}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(presenting.token === undefined ? {} : { auth: { token: presenting.token } }),
    extraHeaders: { ...(presenting.cookie === undefined ? {} : { cookie: presenting.cookie }), ...presenting.headers },
  })
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }))
    socket.once('connect_error', (error: Error & { data?: LiveConnectErrorData }) => {
      socket.close()
      resolve({ refused: error.data, message: error.message })
    })
  })
}

export async function connectedLive(origin: string, presenting: Presenting = {}): Promise<LiveClient> {
  const outcome = await connectLive(origin, presenting)
  if ('refused' in outcome) throw new Error(`refused: ${outcome.message}`)
  return outcome.socket
}

/** Any request, answered in the one answer shape. */
export function ask<T>(socket: LiveClient, event: string, payload: unknown): Promise<LiveAck<T>> {
  return new Promise((resolve) => (socket.emit as (event: string, payload: unknown, ack: (answer: LiveAck<T>) => void) => void)(event, payload, resolve))
}
