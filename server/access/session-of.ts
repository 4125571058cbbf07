// Who a request's session cookie belongs to. The one place a cookie becomes a principal:
// authentication on every route and socket will be built on `sessionOf`.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { CSRF_HEADER } from '../../shared/session'
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

/**
 * A preHandler for every state-changing route a cookie authenticates: the session's CSRF token
 * must come back in the `x-csrf-token` header. A cross-site form can send the cookie but cannot
 * set a header, so a forged request stops here (403 `csrf_refused`), before the handler runs.
 */
export const requireCsrfToken: preHandlerAsyncHookHandler = async (request) => {
  const session = await requireSession(request)
  const sent = request.headers[CSRF_HEADER]
  if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
    throw new HttpProblem(403, 'Forbidden', `a change made with a session cookie needs the session's CSRF token in the ${CSRF_HEADER} header`, undefined, 'csrf_refused')
  }
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
