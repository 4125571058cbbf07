// Who is on a live socket. The handshake is identified once, from what a socket.io
// handshake carries (`auth: { token }`, the Cookie header), by `identify` like any request;
// the credential it went by is kept (as its hash) and checked again on every heartbeat,
// all sockets' credentials together, so a revoked token or an ended session loses its
// sockets within seconds (docs/access.md, "Sockets").
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import type { Kysely } from 'kysely'
// Fastify's own dependency, so a socket trusts exactly the proxies Fastify trusts.
import proxyAddr from '@fastify/proxy-addr'
import type { Database } from '../db/schema'
import { type PresentedCredentials, credentialIn, dueForTouch, principalOfHolder, tokenKindOf } from './principal-of'
import type { Principal } from './roles'
import { COOKIE_NAMES, cookieValue } from './session-cookie'
import { findActiveSessionsByHash } from './sessions-repository'
import { findActiveTokenHolders, touchLastUsed } from './token-holders-repository'
import { type TokenKind, hashToken } from './tokens'

export type TrustProxy = (address: string, hop: number) => boolean

/** REGDECK_TRUST_PROXY as Fastify compiles a trustProxy string (comma-separated addresses or ranges); unset trusts nobody. */
export function compileTrustProxy(trustProxy: string | undefined): TrustProxy {
  return trustProxy === undefined ? () => false : proxyAddr.compile(trustProxy.split(',').map((value) => value.trim()))
}

/**
 * Whether the request came over HTTPS, decided as Fastify's `request.protocol` decides: the
 * last X-Forwarded-Proto when the peer is a trusted proxy, else whether the connection is TLS.
 */
export function cameOverHttps(request: IncomingMessage, trust: TrustProxy): boolean {
  const header = request.headers['x-forwarded-proto']
  const forwarded = Array.isArray(header) ? header.join(',') : header
  const peer = request.socket.remoteAddress
  if (forwarded !== undefined && forwarded !== '' && peer !== undefined && trust(peer, 0)) return forwarded.slice(forwarded.lastIndexOf(',') + 1).trim() === 'https'
  return (request.socket as Partial<TLSSocket>).encrypted === true
}

/** What a socket.io handshake presents: `auth.token` as the bearer, the session and screen cookies under the protocol's names. */
export function handshakeCredentials(
  handshake: { auth: Record<string, unknown>; headers: IncomingHttpHeaders },
  parseCookie: (header: string) => Record<string, string | undefined>,
  secure: boolean,
): PresentedCredentials {
  const token = handshake.auth.token
  const cookies = handshake.headers.cookie === undefined ? {} : parseCookie(handshake.headers.cookie)
  return {
    // A token that is not a string is a bad token, not none: it is refused, never passed over.
    bearer: token === undefined || token === null ? undefined : typeof token === 'string' ? token : '',
    sessionId: cookieValue(cookies, COOKIE_NAMES.session, secure),
    screenToken: cookieValue(cookies, COOKIE_NAMES.screen, secure),
  }
}

/** The credential a socket was identified by, kept only as its hash; none for the anonymous viewer. */
export type HeldCredential = { kind: 'session'; hash: string } | { kind: TokenKind; hash: string }

/** The credential `identify` went by for these presented credentials (the same order), if any. */
export function heldCredential(presented: PresentedCredentials): HeldCredential | undefined {
  const credential = credentialIn(presented)
  if (credential === undefined) return undefined
  if ('sessionId' in credential) return { kind: 'session', hash: hashToken(credential.sessionId) }
  const kind = tokenKindOf(credential.token)
  return kind === undefined ? undefined : { kind, hash: hashToken(credential.token) }
}

export const credentialKey = (credential: HeldCredential): string => `${credential.kind}:${credential.hash}`

/** Statements stay well under PostgreSQL's 65,535 parameters however many sockets there are. */
const CHUNK = 5000

/**
 * Who each distinct credential names now, by `credentialKey`; absent when it no longer
 * names anyone (revoked, expired, ended, disabled). At most one query per kind and 5,000
 * credentials, however many sockets share them. Keys and screens in use are noted as used
 * (once a minute); sessions are not noted as seen (see findActiveSessionsByHash).
 */
export async function reidentify(db: Kysely<Database>, credentials: Iterable<HeldCredential>): Promise<Map<string, Principal>> {
  const hashes: Record<HeldCredential['kind'], Set<string>> = { session: new Set(), key: new Set(), screen: new Set() }
  for (const credential of credentials) hashes[credential.kind].add(credential.hash)
  const found = new Map<string, Principal>()
  for (const [kind, set] of Object.entries(hashes) as [HeldCredential['kind'], Set<string>][]) {
    const all = [...set]
    for (let start = 0; start < all.length; start += CHUNK) {
      const chunk = all.slice(start, start + CHUNK)
      if (kind === 'session') {
        for (const [hash, session] of await findActiveSessionsByHash(db, chunk)) found.set(credentialKey({ kind, hash }), session.user)
        continue
      }
      const holders = await findActiveTokenHolders(db, kind, chunk)
      for (const [hash, holder] of holders) found.set(credentialKey({ kind, hash }), principalOfHolder(holder))
      await touchLastUsed(db, kind, dueForTouch([...holders.values()].map((holder) => holder.id)))
    }
  }
  return found
}

/** Whether two principals are the same one with the same role and scope. */
export function sameAccess(a: Principal, b: Principal): boolean {
  return a.kind === b.kind && a.id === b.id && a.role === b.role && a.region === b.region
}
