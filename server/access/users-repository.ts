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
  return rows.map(toAccount)
}

/** Sets a new password and lifts a lockout (a disabled account stays disabled); false when no user has the name. */
export async function resetPassword(db: Kysely<Database>, username: string, passwordHash: string, actor: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: sql<Date>`now()` })
      .where('username', '=', username)
      .returning('id')
      .executeTakeFirst()
    if (row === undefined) return false
    await writeAudit(trx, { actor, action: 'user.password_reset', subject: username, detail: {} })
    return true
  })
}

function toAccount(row: AccountRow): UserAccount {
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
  }
}
