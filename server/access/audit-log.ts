// The audit log's one way in. Callers pass the transaction that makes the change, so
// a change and its audit row commit together or not at all.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export type AuditAction =
  | 'user.created'
  | 'user.password_reset'
  | 'key.created'
  | 'key.revoked'
  | 'screen.created'
  | 'screen.revoked'
  | 'user.logged_in'
  | 'user.login_failed'
  | 'user.locked'
  | 'user.logged_out'

export interface AuditEntry {
  /** who acted: `command:admin (<os user>)` for the operator's command, `user:<username>`, or `client:<ip>` for a login that failed */
  actor: string
  action: AuditAction
  /** what it acted on: a username or a key's or screen's id */
  subject: string
  /** never a password, token or hash */
  detail: Record<string, unknown>
}

export async function writeAudit(trx: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await trx.insertInto('audit_log').values({ ...entry, detail: JSON.stringify(entry.detail) }).execute()
}
