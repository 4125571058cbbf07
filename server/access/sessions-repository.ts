// Browser sessions. The session id lives only in the browser's cookie; the table keeps its
// SHA-256, so a copy of the table logs nobody in. Validity (lifetimes, a disabled user) is
// decided here, in SQL on the database's clock, so every instance agrees.
import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema'
import { type Principal, isUserRole } from './roles'
import { hashToken } from './tokens'

/** A duty shift: a wall-side officer who steps away for the shift's length must log in again. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60
/** However busy, a session ends after a week: a stolen cookie does not work for ever. */
export const SESSION_LIFETIME_SECONDS = 7 * 24 * 60 * 60
/** last_seen_at is written at most this often: a write per request would cost more than it tells. */
const TOUCH_INTERVAL_MS = 60_000
const SECRET_BYTES = 32

export interface IssuedSession {
  /** for the cookie only, never stored */
  sessionId: string
  csrfToken: string
}

export interface ActiveSession {
  /** the row's key: names the session without being able to log in */
  idHash: string
  csrfToken: string
  /** a principal for `allows`, with its username */
  user: Extract<Principal, { kind: 'user' }> & { username: string }
}

/** A new session for the user; `replacedSessionId` (the browser's previous one, if any) ends in the same transaction. */
export async function startSession(trx: Kysely<Database>, userId: string, replacedSessionId: string | undefined): Promise<IssuedSession> {
  if (replacedSessionId !== undefined) await endSession(trx, hashToken(replacedSessionId))
  const session = { sessionId: randomBytes(SECRET_BYTES).toString('base64url'), csrfToken: randomBytes(SECRET_BYTES).toString('base64url') }
  await trx
    .insertInto('sessions')
    .values({ id_hash: hashToken(session.sessionId), user_id: userId, csrf_token: session.csrfToken, expires_at: sql<Date>`now() + make_interval(secs => ${SESSION_LIFETIME_SECONDS})` })
    .execute()
  return session
}

/** Sessions still valid: within their lifetime, not idle too long, their user not disabled. The one statement of that rule. */
function activeSessions(db: Kysely<Database>) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.csrf_token', 'sessions.last_seen_at', 'users.id', 'users.username', 'users.role', 'users.region_code'])
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${SESSION_IDLE_SECONDS})`)
    .where('users.disabled', '=', false)
}

type ActiveSessionRow = { id_hash: string; csrf_token: string; id: string; username: string; role: string; region_code: string }

// A role the type does not know must not become a principal: no session.
function toActiveSession(row: ActiveSessionRow): ActiveSession | undefined {
  if (!isUserRole(row.role)) return undefined
  return { idHash: row.id_hash, csrfToken: row.csrf_token, user: { kind: 'user', id: row.id, name: row.username, username: row.username, role: row.role, region: row.region_code } }
}

/** The session of this id if it is neither idle too long nor past its lifetime and its user is not disabled; notes that it was seen. */
export async function findActiveSession(db: Kysely<Database>, sessionId: string): Promise<ActiveSession | undefined> {
  const idHash = hashToken(sessionId)
  const row = await activeSessions(db).where('sessions.id_hash', '=', idHash).executeTakeFirst()
  const session = row === undefined ? undefined : toActiveSession(row)
  if (row === undefined || session === undefined) return undefined
  if (Date.now() - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: sql<Date>`now()` }).where('id_hash', '=', idHash).execute()
  }
  return session
}

/**
 * Which of these sessions (by id hash) are still active, in one query: for open sockets,
 * checked every few seconds. Not noted as seen: a socket left open is not someone at the
 * console, so it does not hold a session past its idle time.
 */
export async function findActiveSessionsByHash(db: Kysely<Database>, idHashes: readonly string[]): Promise<Map<string, ActiveSession>> {
  const found = new Map<string, ActiveSession>()
  if (idHashes.length === 0) return found
  for (const row of await activeSessions(db).where('sessions.id_hash', 'in', idHashes).execute()) {
    const session = toActiveSession(row)
    if (session !== undefined) found.set(row.id_hash, session)
  }
  return found
}

export async function endSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}
