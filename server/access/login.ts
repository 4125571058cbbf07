// Logging in with a username and password (the password check, the lockout after repeated
// failures, a fresh session on success, an audit row for every attempt) and logging out.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema'
import { writeAudit } from './audit-log'
import { SCRYPT_COST, verifyPassword } from './passwords'
import { type UserRole, isUserRole } from './roles'
import { type ActiveSession, type IssuedSession, endSession, startSession } from './sessions-repository'

/** Failures in a row that lock an account; a success or a password reset sets the count back to 0. */
export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_SECONDS = 15 * 60

// A well-formed hash at the full cost that no password matches: an unknown username takes as
// long to refuse as a wrong password, so the time of an answer does not tell which names exist.
const NO_USER_HASH = ['scrypt', SCRYPT_COST.N, SCRYPT_COST.r, SCRYPT_COST.p, 'A'.repeat(22), 'A'.repeat(43)].join('$')

export interface LoginAttempt {
  username: string
  password: string
  /** the client's address, for the audit log */
  ip: string
  /** the browser's current session, ended by this login whoever it belonged to */
  replacedSessionId: string | undefined
}

export type LoginOutcome =
  | { loggedIn: IssuedSession & { user: { username: string; role: UserRole; region: string } } }
  | { refused: 'invalid_credentials' | 'account_disabled' }
  | { refused: 'account_locked'; lockedUntil: Date }

export async function logIn(db: Kysely<Database>, attempt: LoginAttempt): Promise<LoginOutcome> {
  const { username, ip } = attempt
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'role', 'region_code', 'disabled', 'locked_until', sql<boolean>`coalesce(locked_until > now(), false)`.as('locked')])
    .where('username', '=', username)
    .executeTakeFirst()
  const failed = (reason: string) => ({ actor: `client:${ip}`, action: 'user.login_failed' as const, subject: username, detail: { ip, reason } })

  if (user === undefined) {
    await verifyPassword(attempt.password, NO_USER_HASH)
    await writeAudit(db, failed('unknown_user'))
    return { refused: 'invalid_credentials' }
  }
  // While locked, the password is not even tried: guessing must stop, not just fail.
  if (user.locked && user.locked_until !== null) {
    await writeAudit(db, failed('locked'))
    return { refused: 'account_locked', lockedUntil: user.locked_until }
  }
  if (!(await verifyPassword(attempt.password, user.password_hash))) return recordFailure(db, user.id, failed('wrong_password'))
  // Said only to someone who knows the password, so it tells a guesser nothing. A role the code
  // does not know (the CHECK constraint forbids it) is refused the same way: fail closed.
  if (user.disabled || !isUserRole(user.role)) {
    await writeAudit(db, failed('disabled'))
    return { refused: 'account_disabled' }
  }
  const session = await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute()
    await writeAudit(trx, { actor: `user:${user.username}`, action: 'user.logged_in', subject: user.username, detail: { ip } })
    return startSession(trx, user.id, attempt.replacedSessionId)
  })
  return { loggedIn: { ...session, user: { username: user.username, role: user.role, region: user.region_code } } }
}

/** Counts a wrong password; the one that reaches MAX_FAILED_LOGINS locks the account and starts the count again. */
async function recordFailure(db: Kysely<Database>, userId: string, audit: Parameters<typeof writeAudit>[1]): Promise<LoginOutcome> {
  return db.transaction().execute(async (trx): Promise<LoginOutcome> => {
    // One statement, so two wrong passwords at once both count: SET reads the row as it was.
    const reaches = sql<boolean>`failed_logins + 1 >= ${MAX_FAILED_LOGINS}`
    const row = await trx
      .updateTable('users')
      .set({
        failed_logins: sql<number>`case when ${reaches} then 0 else failed_logins + 1 end`,
        locked_until: sql<Date | null>`case when ${reaches} then now() + make_interval(secs => ${LOCKOUT_SECONDS}) else locked_until end`,
      })
      .where('id', '=', userId)
      .returning(['locked_until', sql<boolean>`coalesce(locked_until > now(), false)`.as('locked')])
      .executeTakeFirstOrThrow()
    await writeAudit(trx, audit)
    if (!row.locked || row.locked_until === null) return { refused: 'invalid_credentials' }
    await writeAudit(trx, { ...audit, action: 'user.locked', detail: { ip: audit.detail.ip, failedLogins: MAX_FAILED_LOGINS, until: row.locked_until.toISOString() } })
    return { refused: 'account_locked', lockedUntil: row.locked_until }
  })
}

/** Ends the session and audits it, together. */
export async function logOut(db: Kysely<Database>, session: ActiveSession, ip: string): Promise<void> {
  const { username } = session.user
  await db.transaction().execute(async (trx) => {
    await endSession(trx, session.idHash)
    await writeAudit(trx, { actor: `user:${username}`, action: 'user.logged_out', subject: username, detail: { ip } })
  })
}
