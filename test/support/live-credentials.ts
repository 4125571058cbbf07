// Principals for the live socket suites: users logged in over the app's own route (a real
// session cookie), keys and screens from the repository, and a stock socket.io client that
// presents them as a browser or a wall PC would.
import type { FastifyInstance } from 'fastify'
import { type Socket, io } from 'socket.io-client'
import type { UserRole } from '../../server/access/roles'
import { createTokenHolder } from '../../server/access/token-holders-repository'
import { addUser, logIn } from './principals'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveConnectErrorData, type LiveServerToClientEvents } from '../../shared/live'

export type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

/** How a client presents itself: `auth: { token }`, a Cookie header, or nothing. */
export interface Presenting {
  token?: unknown
  cookie?: string
  headers?: Record<string, string>
}

/** A user made with the repository and logged in through POST /api/v1/session: its cookie as a Cookie header. */
export async function loggedInUser(app: FastifyInstance, username: string, role: UserRole, region: string): Promise<string> {
  await addUser(app, username, role, region)
  return (await logIn(app, username)).cookie ?? ''
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
