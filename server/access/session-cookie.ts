// The session cookie, and the screen cookie a wall PC holds its screen token in. Over HTTPS it is `__Host-` prefixed and Secure: the browser then
// refuses it from plain HTTP and from other subdomains, so nobody can plant one. Wall PCs in a
// command-centre LAN often reach the server over plain HTTP, where neither is possible, so
// there it has a plain name. HTTPS is what `request.protocol` says: behind a proxy, only when
// REGDECK_TRUST_PROXY names the proxy (docs/access.md).
import type { CookieSerializeOptions } from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_LIFETIME_SECONDS } from './sessions-repository'

const SESSION_COOKIE = 'regdeck_session'
const SCREEN_COOKIE = 'regdeck_screen'
const SECURE_PREFIX = '__Host-'
/** A wall PC nobody logs into keeps its screen for a year; revoking the token ends it sooner. */
const SCREEN_COOKIE_SECONDS = 365 * 24 * 60 * 60

/** The name a cookie has under a protocol: `__Host-` prefixed over HTTPS. */
export function cookieName(baseName: string, secure: boolean): string {
  return secure ? `${SECURE_PREFIX}${baseName}` : baseName
}

/** The cookie's name and flags for this request's protocol. Lax, not Strict: a link to the wall from elsewhere still arrives logged in; changes need the CSRF header anyway. */
function cookieFor(request: FastifyRequest, baseName: string): { name: string; options: CookieSerializeOptions } {
  const secure = request.protocol === 'https'
  return { name: cookieName(baseName, secure), options: { httpOnly: true, sameSite: 'lax', path: '/', secure } }
}

/** A cookie's value as sent under this protocol's name; a plain-named cookie is ignored over HTTPS. */
export function cookieValue(cookies: Record<string, string | undefined>, baseName: string, secure: boolean): string | undefined {
  const value = cookies[cookieName(baseName, secure)]
  return value === undefined || value === '' ? undefined : value
}

export const sessionIdOf = (request: FastifyRequest): string | undefined => cookieValue(request.cookies, SESSION_COOKIE, request.protocol === 'https')
export const screenTokenOf = (request: FastifyRequest): string | undefined => cookieValue(request.cookies, SCREEN_COOKIE, request.protocol === 'https')
export const COOKIE_NAMES = { session: SESSION_COOKIE, screen: SCREEN_COOKIE } as const

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  const { name, options } = cookieFor(request, SESSION_COOKIE)
  void reply.setCookie(name, sessionId, { ...options, maxAge: SESSION_LIFETIME_SECONDS })
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const { name, options } = cookieFor(request, SESSION_COOKIE)
  void reply.clearCookie(name, options)
}

export function setScreenCookie(request: FastifyRequest, reply: FastifyReply, screenToken: string): void {
  const { name, options } = cookieFor(request, SCREEN_COOKIE)
  void reply.setCookie(name, screenToken, { ...options, maxAge: SCREEN_COOKIE_SECONDS })
}

export function clearScreenCookie(request: FastifyRequest, reply: FastifyReply): void {
  const { name, options } = cookieFor(request, SCREEN_COOKIE)
  void reply.clearCookie(name, options)
}
