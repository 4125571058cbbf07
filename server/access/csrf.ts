// CSRF protection for changes a session cookie authenticates: a token the page holds (from
// GET /api/v1/session) must come back as a header, which no cross-site form can set.
import { timingSafeEqual } from 'node:crypto'
import type { preHandlerAsyncHookHandler } from 'fastify'
import { CSRF_HEADER } from '../../shared/session'
import { HttpProblem } from '../http/problem'
import { requireSession } from './session-of'

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
