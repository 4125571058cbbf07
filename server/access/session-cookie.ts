// The session cookie. Over HTTPS it is `__Host-` prefixed and Secure: the browser then
// refuses it from plain HTTP and from other subdomains, so nobody can plant one. Wall PCs in a
// command-centre LAN often reach the server over plain HTTP, where neither is possible, so
// there it has a plain name. HTTPS is what `request.protocol` says: behind a proxy, only when
// REGDECK_TRUST_PROXY names the proxy (docs/access.md).
import type { CookieSerializeOptions } from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_LIFETIME_SECONDS } from './sessions-repository'

const COOKIE_NAME = 'regdeck_session'
const SECURE_PREFIX = '__Host-'

/** The cookie's name and flags for this request's protocol. Lax, not Strict: a link to the wall from elsewhere still arrives logged in; changes need the CSRF header anyway. */
function cookieFor(request: FastifyRequest): { name: string; options: CookieSerializeOptions } {
  const secure = request.protocol === 'https'
  return { name: secure ? `${SECURE_PREFIX}${COOKIE_NAME}` : COOKIE_NAME, options: { httpOnly: true, sameSite: 'lax', path: '/', secure } }
}

/** The session id the browser sent under this protocol's name; a plain-named cookie is ignored over HTTPS. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[cookieFor(request).name]
  return value === undefined || value === '' ? undefined : value
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  const { name, options } = cookieFor(request)
  void reply.setCookie(name, sessionId, { ...options, maxAge: SESSION_LIFETIME_SECONDS })
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const { name, options } = cookieFor(request)
  void reply.clearCookie(name, options)
}
