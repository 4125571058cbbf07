// Who makes a request, on every route and socket: the one place credentials become a
// principal for `allows`. Credentials are read in a fixed order, and a credential that is
// presented but not valid is refused, never passed over for a weaker one: an expired session
// does not quietly become the anonymous viewer, so the wall knows to send its user to log in.
import type { Kysely } from 'kysely'
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Database } from '../db/schema'
import { DATABASE_UNAVAILABLE, HttpProblem, NOT_A_READER, UNAUTHENTICATED, problemResponses } from '../http/problem'
import type { RegionTree } from '../regions/region-tree'
import { type Action, type Principal, allows, anonymousViewer } from './roles'
import { findActiveSession } from './sessions-repository'
import { screenTokenOf, sessionIdOf } from './session-cookie'
import { type TokenKind, TOKEN_PREFIXES, hashToken } from './tokens'
import { type TokenHolder, findActiveTokenHolder, touchLastUsed } from './token-holders-repository'

/** What a request or a socket's handshake brought, each read where its transport keeps it. */
export interface PresentedCredentials {
  /** `Authorization: Bearer …` over HTTP, `auth: { token }` on a socket */
  bearer: string | undefined
  /** the session cookie's value */
  sessionId: string | undefined
  /** the screen cookie's value: a screen token traded in with `?screen=` */
  screenToken: string | undefined
}

export type Identification =
  | { principal: Principal }
  /** credentials were presented and are not valid: unknown, revoked, expired, or of a disabled user */
  | { refused: string }
  /** none were presented, and nobody may read anonymously */
  | { nobody: true }

export interface IdentifyOptions {
  /** the anonymous viewer's province when REGDECK_ANONYMOUS=viewer, else undefined */
  anonymousProvince: string | undefined
}

/** last_used_at is written at most this often per key or screen. */
const TOUCH_INTERVAL_MS = 60_000
const lastTouched = new Map<string, number>()

/** The one credential `identify` goes by: a bearer token first, then the session cookie, then the screen cookie; undefined when none was presented. */
export function credentialIn(presented: PresentedCredentials): { token: string; what: string } | { sessionId: string } | undefined {
  if (presented.bearer !== undefined) return { token: presented.bearer, what: 'a bearer token' }
  if (presented.sessionId !== undefined) return { sessionId: presented.sessionId }
  if (presented.screenToken !== undefined) return { token: presented.screenToken, what: "the screen's token" }
  return undefined
}

export const SESSION_REFUSED = 'the session has expired or was ended, or its user was disabled: log in again'
export const tokenRefused = (what: string): string => `${what} is not a valid RegDeck key or screen token, or it was revoked`

/** Who the credentials name: a bearer token first, then the session cookie, then the screen cookie, then the anonymous viewer. */
export async function identify(db: Kysely<Database>, presented: PresentedCredentials, options: IdentifyOptions): Promise<Identification> {
  const credential = credentialIn(presented)
  if (credential === undefined) return options.anonymousProvince === undefined ? { nobody: true } : { principal: anonymousViewer(options.anonymousProvince) }
  if ('token' in credential) return identifyToken(db, credential.token, credential.what)
  const session = await findActiveSession(db, credential.sessionId)
  return session === undefined ? { refused: SESSION_REFUSED } : { principal: session.user }
}

/** The kind of token its prefix says, if any. */
export const tokenKindOf = (token: string): TokenKind | undefined => (Object.keys(TOKEN_PREFIXES) as TokenKind[]).find((candidate) => token.startsWith(TOKEN_PREFIXES[candidate].token))

async function identifyToken(db: Kysely<Database>, token: string, what: string): Promise<Identification> {
  const kind = tokenKindOf(token)
  const holder = kind === undefined ? undefined : await findActiveTokenHolder(db, kind, hashToken(token))
  if (holder === undefined) return { refused: tokenRefused(what) }
  if (dueForTouch([holder.id]).length > 0) await touchLastUsed(db, holder.kind, holder.id)
  return { principal: principalOfHolder(holder) }
}

/** Of these key or screen ids, those whose last_used_at is due to be written (once a minute at most), marked as written now. */
export function dueForTouch(ids: readonly string[]): string[] {
  const now = Date.now()
  const due = ids.filter((id) => now - (lastTouched.get(id) ?? 0) >= TOUCH_INTERVAL_MS)
  for (const id of due) lastTouched.set(id, now)
  return due
}

export function principalOfHolder(holder: TokenHolder): Principal {
  return holder.kind === 'key'
    ? { kind: 'key', id: holder.id, name: holder.name, role: 'integrator', region: holder.region }
    : { kind: 'screen', id: holder.id, name: holder.name, role: 'screen', region: holder.region, playlist: holder.playlist }
}

/** The bearer token of an `Authorization` header; a header of another scheme counts as a bad token, not as none. */
export function bearerOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization)
  return match === null ? authorization : match[1]
}

// Identified once per request, however many hooks and handlers ask.
const identifications = new WeakMap<FastifyRequest, Promise<Identification>>()

/** Who makes this HTTP request. */
export function identificationOf(request: FastifyRequest): Promise<Identification> {
  let identification = identifications.get(request)
  if (identification === undefined) {
    const app = request.server
    identification = identify(
      app.database.db,
      { bearer: bearerOf(request.headers.authorization), sessionId: sessionIdOf(request), screenToken: screenTokenOf(request) },
      app.access,
    )
    identifications.set(request, identification)
  }
  return identification
}

/** The request's principal, or 401 `unauthenticated` saying why. */
export async function requirePrincipal(request: FastifyRequest): Promise<Principal> {
  const identification = await identificationOf(request)
  if ('principal' in identification) return identification.principal
  throw new HttpProblem(401, 'Unauthorized', 'refused' in identification ? identification.refused : 'credentials are needed: log in, or send a key or screen token as Authorization: Bearer …')
}

/** The principal if it may take `action` at `regionCode`: 401 without valid credentials, 403 `forbidden` outside its role or scope. */
export async function requireAllowed(request: FastifyRequest, action: Action, regionCode: string, tree: RegionTree = request.server.regions): Promise<Principal> {
  const principal = await requirePrincipal(request)
  if (!allows(principal, action, regionCode, tree)) throw new HttpProblem(403, 'Forbidden', forbiddenDetail(principal, action, regionCode))
  return principal
}

/**
 * The principal if its role grants `action` in its own scope, for routes that name no region
 * or whose answer is not business data (map shapes): 401 without valid credentials, 403
 * `forbidden` for a role without the grant.
 */
export async function requireGranted(request: FastifyRequest, action: Action): Promise<Principal> {
  const principal = await requirePrincipal(request)
  if (!allows(principal, action, principal.region, request.server.regions)) throw new HttpProblem(403, 'Forbidden', `${describe(principal)} may not ${action} anywhere`)
  return principal
}

/** An onRequest hook refusing whoever may not take `action` anywhere, before the request is even validated. */
export const onlyGranted =
  (action: Action): onRequestAsyncHookHandler =>
  async (request) => {
    await requireGranted(request, action)
  }

/** The hook of every route that reads. Routes that name a region check it with `requireAllowed` besides. */
export const onlyReaders = onlyGranted('read')

/** The refusals of a route guarded by `onlyReaders` alone, as its documented responses (credentials are looked up in the database). */
export const READER_REFUSALS = problemResponses({ 401: UNAUTHENTICATED, 403: NOT_A_READER, 503: DATABASE_UNAVAILABLE })

const describe = (principal: Principal): string => `${principal.kind === 'anonymous' ? 'an anonymous viewer' : `a ${principal.role}`} scoped at ${principal.region}`

export function forbiddenDetail(principal: Principal, action: Action, regionCode: string): string {
  return `${describe(principal)} may not ${action} at ${regionCode}`
}
