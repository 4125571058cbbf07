// Who a request's session cookie belongs to. The one place a cookie becomes a principal:
// authentication on every route and socket will be built on `sessionOf`.
import type { FastifyRequest } from 'fastify'
import { HttpProblem } from '../http/problem'
import { type ActiveSession, findActiveSession } from './sessions-repository'
import { sessionIdOf } from './session-cookie'

// Looked up once per request, however many hooks and handlers ask.
const lookups = new WeakMap<FastifyRequest, Promise<ActiveSession | undefined>>()

/** The request's valid session, or undefined: no cookie, an unknown, idle or expired session, a disabled user. */
export function sessionOf(request: FastifyRequest): Promise<ActiveSession | undefined> {
  let lookup = lookups.get(request)
  if (lookup === undefined) {
    const sessionId = sessionIdOf(request)
    lookup = sessionId === undefined ? Promise.resolve(undefined) : findActiveSession(request.server.database.db, sessionId)
    lookups.set(request, lookup)
  }
  return lookup
}

/** The session, or a 401 problem. */
export async function requireSession(request: FastifyRequest): Promise<ActiveSession> {
  const session = await sessionOf(request)
  if (session === undefined) throw new HttpProblem(401, 'Unauthorized', 'no valid session: log in again (the session may have expired)')
  return session
}
