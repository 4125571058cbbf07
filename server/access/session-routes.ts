// POST, GET and DELETE /api/v1/session: logging in and out with a cookie (docs/access.md).
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { LoginBody, SessionAnswer } from '../../shared/session'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, HttpProblem, problemResponses } from '../http/problem'
import { LOCKOUT_SECONDS, MAX_FAILED_LOGINS, logIn, logOut } from './login'
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './session-cookie'
import { requireCsrfToken } from './csrf'
import { requireSession } from './session-of'

/** Login attempts per client address and minute: enough for typos, too few to guess passwords. */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: 60_000 }

const NO_SESSION = '`unauthenticated`: no session cookie, or its session expired, was ended, or its user was disabled'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/session',
    {
      config: { rateLimit: LOGIN_RATE_LIMIT },
      schema: {
        tags: [TAGS.session],
        summary: 'Log in',
        description: `Sets the session cookie (HttpOnly, SameSite=Lax; \`__Host-regdeck_session\` and Secure over HTTPS, \`regdeck_session\` over plain HTTP) with a new session id, ending the browser's previous session. ${MAX_FAILED_LOGINS} wrong passwords in a row lock the account for ${LOCKOUT_SECONDS / 60} minutes.`,
        body: LoginBody,
        response: {
          200: SessionAnswer,
          ...problemResponses({
            400: 'the body is not `{ username, password }`',
            401: '`invalid_credentials`: no such user or a wrong password; the two answers are the same',
            403: '`account_disabled`: the password is right but the account is disabled',
            415: 'the body is not JSON',
            423: '`account_locked`: too many wrong passwords; Retry-After says when the account unlocks',
            429: `\`too_many_requests\`: more than ${LOGIN_RATE_LIMIT.max} attempts a minute from this address; Retry-After says when to try again`,
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request, reply) => {
      const outcome = await logIn(app.database.db, { ...request.body, ip: request.ip, replacedSessionId: sessionIdOf(request) })
      if ('loggedIn' in outcome) {
        const { sessionId, csrfToken, user } = outcome.loggedIn
        setSessionCookie(request, reply, sessionId)
        return { user, csrfToken }
      }
      if (outcome.refused === 'account_locked') {
        const seconds = Math.max(1, Math.ceil((outcome.lockedUntil.getTime() - Date.now()) / 1000))
        void reply.header('retry-after', String(seconds))
        throw new HttpProblem(423, 'Locked', `the account is locked after ${MAX_FAILED_LOGINS} wrong passwords until ${outcome.lockedUntil.toISOString()}`, undefined, 'account_locked')
      }
      if (outcome.refused === 'account_disabled') throw new HttpProblem(403, 'Forbidden', 'the account is disabled; an administrator can enable it', undefined, 'account_disabled')
      throw new HttpProblem(401, 'Unauthorized', 'wrong username or password', undefined, 'invalid_credentials')
    },
  )

  app.get(
    '/api/v1/session',
    {
      schema: {
        tags: [TAGS.session],
        summary: "Who is logged in, and the session's CSRF token",
        response: { 200: SessionAnswer, ...problemResponses({ 401: NO_SESSION, 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const { user, csrfToken } = await requireSession(request)
      return { user: { username: user.username, role: user.role, region: user.region }, csrfToken }
    },
  )

  app.delete(
    '/api/v1/session',
    {
      preHandler: requireCsrfToken,
      schema: {
        tags: [TAGS.session],
        summary: 'Log out',
        description: 'Ends the session and clears the cookie. Needs the session\'s CSRF token as `x-csrf-token`.',
        response: {
          204: Type.Null({ description: 'logged out' }),
          ...problemResponses({ 401: NO_SESSION, 403: '`csrf_refused`: the x-csrf-token header is missing or is not this session\'s token', 503: DATABASE_UNAVAILABLE }),
        },
      },
    },
    async (request, reply) => {
      await logOut(app.database.db, await requireSession(request), request.ip)
      clearSessionCookie(request, reply)
      return reply.code(204).send(null)
    },
  )
}

export default fp(routes, { name: 'session-routes', dependencies: ['database', '@fastify/cookie', '@fastify/rate-limit'] })
