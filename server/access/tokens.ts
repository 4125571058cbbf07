// Integrator keys and screen tokens: 256 random bits, URL-safe, prefixed so a leaked one is
// recognisable (in logs, in secret scanners) and shown once. Only their SHA-256 is stored:
// a token carries all its entropy itself, so an unsalted fast hash is enough to make a
// stolen table useless, and a lookup by hash stays one index probe.
import { createHash, randomBytes } from 'node:crypto'

export type TokenKind = 'key' | 'screen'

/** What a token starts with (the secret), and what the id of its row starts with (not secret). */
export const TOKEN_PREFIXES: Record<TokenKind, { token: string; id: string }> = {
  key: { token: 'rdk_', id: 'key_' },
  screen: { token: 'rds_', id: 'scr_' },
}

const TOKEN_BYTES = 32
const ID_BYTES = 8

export interface IssuedToken {
  id: string
  /** shown once to whoever asked for it, never stored */
  token: string
  tokenHash: string
}

export function issueToken(kind: TokenKind): IssuedToken {
  const prefixes = TOKEN_PREFIXES[kind]
  const token = `${prefixes.token}${randomBytes(TOKEN_BYTES).toString('base64url')}`
  return { id: newId(prefixes.id), token, tokenHash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A row id, prefixed so an operator can tell what `revoke <id>` will touch. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(ID_BYTES).toString('hex')}`
}

/** The kind a row id belongs to, by its prefix; undefined for anything else. */
export function tokenKindOfId(id: string): TokenKind | undefined {
  return (Object.keys(TOKEN_PREFIXES) as TokenKind[]).find((kind) => id.startsWith(TOKEN_PREFIXES[kind].id))
}
