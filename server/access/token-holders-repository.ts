// Integrator keys (api_keys) and screens: a name, a region, a hashed token. They share
// everything but the screen's playlist, so one module keeps both; every issue and
// revocation is audited in its own transaction.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema'
import { writeAudit } from './audit-log'
import { type TokenKind, issueToken, tokenKindOfId } from './tokens'

const TABLE_OF: Record<TokenKind, 'api_keys' | 'screens'> = { key: 'api_keys', screen: 'screens' }

export interface TokenHolder {
  id: string
  kind: TokenKind
  name: string
  region: string
  /** a screen's playlist (`overview,campaign`); null for keys and single-screen walls */
  playlist: string | null
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

export interface NewTokenHolder {
  kind: TokenKind
  name: string
  region: string
  /** screens only */
  playlist?: string
}

/** The new holder and its token, which exists only in this answer. */
export async function createTokenHolder(db: Kysely<Database>, holder: NewTokenHolder, actor: string): Promise<{ id: string; token: string; holder: TokenHolder }> {
  const { id, token, tokenHash } = issueToken(holder.kind)
  const row = { id, name: holder.name, region_code: holder.region, token_hash: tokenHash }
  const playlist = holder.kind === 'screen' ? (holder.playlist ?? null) : null
  const created = await db.transaction().execute(async (trx) => {
    const inserted =
      holder.kind === 'key'
        ? await trx.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow()
        : await trx.insertInto('screens').values({ ...row, playlist }).returningAll().executeTakeFirstOrThrow()
    await writeAudit(trx, { actor, action: `${holder.kind}.created`, subject: id, detail: { name: holder.name, region: holder.region, playlist } })
    return inserted
  })
  return { id, token, holder: toHolder(holder.kind, { playlist: null, ...created }) }
}

/** Keys, then screens, each oldest first; revoked ones included (they are history). */
export async function listTokenHolders(db: Kysely<Database>): Promise<TokenHolder[]> {
  const keys = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()
  const screens = await db.selectFrom('screens').selectAll().orderBy('created_at').orderBy('id').execute()
  return [...keys.map((row) => toHolder('key', { ...row, playlist: null })), ...screens.map((row) => toHolder('screen', row))]
}

/** The unrevoked holder of a token hash, or undefined: a revoked token finds nothing. */
export async function findActiveTokenHolder(db: Kysely<Database>, kind: TokenKind, tokenHash: string): Promise<TokenHolder | undefined> {
  return (await findActiveTokenHolders(db, kind, [tokenHash])).get(tokenHash)
}

/** The unrevoked holders of these token hashes, by hash, in one query (open sockets check theirs every few seconds). */
export async function findActiveTokenHolders(db: Kysely<Database>, kind: TokenKind, tokenHashes: readonly string[]): Promise<Map<string, TokenHolder>> {
  const found = new Map<string, TokenHolder>()
  if (tokenHashes.length === 0) return found
  const rows = await db
    .selectFrom(db.dynamic.table(TABLE_OF[kind]).as('holder'))
    .selectAll()
    .where('token_hash', 'in', tokenHashes)
    .where('revoked_at', 'is', null)
    .execute()
  // Keys have no playlist column: the default stands for them, a screen's own value overrides it.
  for (const row of rows) found.set(row.token_hash, toHolder(kind, { playlist: null, ...row }))
  return found
}

/** The key or screen with `id` (its prefix says which), revoked or not; undefined when none has it. */
export async function findTokenHolder(db: Kysely<Database>, id: string): Promise<TokenHolder | undefined> {
  const kind = tokenKindOfId(id)
  if (kind === undefined) return undefined
  const row = await db.selectFrom(db.dynamic.table(TABLE_OF[kind]).as('holder')).selectAll().where('id', '=', id).executeTakeFirst()
  return row === undefined ? undefined : toHolder(kind, { playlist: null, ...row })
}

export type RevokeOutcome = { revoked: TokenHolder } | { alreadyRevoked: TokenHolder } | { unknown: true }

/** Revokes the key or screen with `id` (its prefix says which); a second revocation changes nothing. */
export async function revokeTokenHolder(db: Kysely<Database>, id: string, actor: string): Promise<RevokeOutcome> {
  const kind = tokenKindOfId(id)
  if (kind === undefined) return { unknown: true }
  return db.transaction().execute(async (trx): Promise<RevokeOutcome> => {
    const table = trx.dynamic.table(TABLE_OF[kind]).as('holder')
    // Locked, so two revocations at once audit one revocation.
    const before = await trx.selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (before === undefined) return { unknown: true }
    const holder = toHolder(kind, { playlist: null, ...before })
    if (holder.revokedAt !== null) return { alreadyRevoked: holder }
    const after = await trx.updateTable(table).set({ revoked_at: sql<Date>`now()` }).where('id', '=', id).returning('revoked_at').executeTakeFirstOrThrow()
    await writeAudit(trx, { actor, action: `${kind}.revoked`, subject: id, detail: { name: holder.name, region: holder.region } })
    return { revoked: { ...holder, revokedAt: after.revoked_at } }
  })
}

/** Notes that a token was used now; not audited, it is a fact of use, not a change of access. */
export async function touchLastUsed(db: Kysely<Database>, kind: TokenKind, id: string | readonly string[]): Promise<void> {
  const ids = typeof id === 'string' ? [id] : id
  if (ids.length === 0) return
  await db.updateTable(db.dynamic.table(TABLE_OF[kind]).as('holder')).set({ last_used_at: sql<Date>`now()` }).where('id', 'in', ids).execute()
}

interface HolderRow {
  id: string
  name: string
  region_code: string
  playlist: string | null
  created_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
}

function toHolder(kind: TokenKind, row: HolderRow): TokenHolder {
  return {
    id: row.id,
    kind,
    name: row.name,
    region: row.region_code,
    playlist: row.playlist,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}
