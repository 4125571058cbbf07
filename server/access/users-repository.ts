// People's accounts. A password hash never leaves this module; every change is audited
// in its own transaction.
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database, UsersTable } from '../db/schema'
import { writeAudit } from './audit-log'
import { type UserRole, isUserRole } from './roles'
import { newId } from './tokens'

export interface UserAccount {
  id: string
  username: string
  role: UserRole
  region: string
  disabled: boolean
  failedLogins: number
  lockedUntil: Date | null
  createdAt: Date
  updatedAt: Date
  /** the last successful login the audit log knows of */
  lastLoginAt: Date | null
}

export interface NewUser {
  username: string
  passwordHash: string
  role: UserRole
  region: string
}

const ACCOUNT_COLUMNS = ['id', 'username', 'role', 'region_code', 'disabled', 'failed_logins', 'locked_until', 'created_at', 'updated_at'] as const
type AccountRow = Pick<Selectable<UsersTable>, (typeof ACCOUNT_COLUMNS)[number]>

/** The new account, or undefined when the username is taken. */
export async function createUser(db: Kysely<Database>, user: NewUser, actor: string): Promise<UserAccount | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({ id: newId('usr_'), username: user.username, password_hash: user.passwordHash, role: user.role, region_code: user.region })
      .onConflict((conflict) => conflict.column('username').doNothing())
      .returning(ACCOUNT_COLUMNS)
      .executeTakeFirst()
    if (row === undefined) return undefined
    await writeAudit(trx, { actor, action: 'user.created', subject: user.username, detail: { role: user.role, region: user.region } })
    return toAccount(row)
  })
}

export async function listUsers(db: Kysely<Database>): Promise<UserAccount[]> {
  const rows = await db.selectFrom('users').select(ACCOUNT_COLUMNS).orderBy('username').execute()
  const logins = await db
    .selectFrom('audit_log')
    .select(['subject', (eb) => eb.fn.max('at').as('last_login_at')])
    .where('action', '=', 'user.logged_in')
    .groupBy('subject')
    .execute()
  const lastLogin = new Map(logins.map((login) => [login.subject, login.last_login_at]))
  return rows.map((row) => toAccount(row, lastLogin.get(row.username) ?? null))
}

export interface UserChanges {
  role?: UserRole
  region?: string
  disabled?: boolean
  passwordHash?: string
}

export type UpdateOutcome = { updated: UserAccount } | { refused: UserAccount } | { unknown: true }

/**
 * Changes a user, if `permits` allows it for the account as it is now (read under a lock, so a
 * concurrent change cannot slip between the check and the write). A new password lifts a
 * lockout and ends the user's sessions; the audit row names what changed, never the password.
 */
export async function updateUser(
  db: Kysely<Database>,
  username: string,
  changes: UserChanges,
  actor: string,
  permits: (before: UserAccount) => boolean,
): Promise<UpdateOutcome> {
  return db.transaction().execute(async (trx): Promise<UpdateOutcome> => {
    const before = await trx.selectFrom('users').select(ACCOUNT_COLUMNS).where('username', '=', username).forUpdate().executeTakeFirst()
    if (before === undefined) return { unknown: true }
    const account = toAccount(before, null)
    if (!permits(account)) return { refused: account }
    const passwordChange = changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash, failed_logins: 0, locked_until: null }
    const after = await trx
      .updateTable('users')
      .set({ role: changes.role, region_code: changes.region, disabled: changes.disabled, ...passwordChange, updated_at: sql<Date>`now()` })
      .where('id', '=', before.id)
      .returning(ACCOUNT_COLUMNS)
      .executeTakeFirstOrThrow()
    if (changes.passwordHash !== undefined) await trx.deleteFrom('sessions').where('user_id', '=', before.id).execute()
    const { passwordHash, ...visible } = changes
    await writeAudit(trx, { actor, action: 'user.updated', subject: username, detail: { ...visible, ...(passwordHash === undefined ? {} : { passwordChanged: true }) } })
    return { updated: toAccount(after, null) }
  })
}

/** Sets a new password, ends the user's sessions and lifts a lockout (a disabled account stays disabled); false when no user has the name. */
export async function resetPassword(db: Kysely<Database>, username: string, passwordHash: string, actor: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: sql<Date>`now()` })
      .where('username', '=', username)
      .returning('id')
      .executeTakeFirst()
    if (row === undefined) return false
    // Whoever knew the old password is logged out with it.
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute()
    await writeAudit(trx, { actor, action: 'user.password_reset', subject: username, detail: {} })
    return true
  })
}

function toAccount(row: AccountRow, lastLoginAt: Date | null = null): UserAccount {
  // The CHECK constraint keeps the same list; a row that got past it must not become a principal.
  if (!isUserRole(row.role)) throw new Error(`user ${row.username} has the unknown role "${row.role}"`)
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    region: row.region_code,
    disabled: row.disabled,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt,
  }
}
