// The audit log's one way in. Callers pass the transaction that makes the change, so
// a change and its audit row commit together or not at all.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export type AuditAction =
  | 'user.created'
  | 'user.password_reset'
  | 'user.updated'
  | 'key.created'
  | 'key.revoked'
  | 'screen.created'
  | 'screen.revoked'
  | 'user.logged_in'
  | 'user.login_failed'
  | 'user.locked'
  | 'user.logged_out'
  | 'alert_rule.updated'

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

export interface AuditRow {
  id: number
  at: Date
  actor: string
  action: string
  subject: string
  detail: Record<string, unknown>
}

export interface AuditPageRequest {
  limit: number
  /** only entries older than this id */
  before?: number
  /** only entries about a user, key or screen whose region code starts with this; every entry when undefined */
  subtreePrefix?: string
}

/** Newest first. An entry is about a subtree when its subject, a username or a key's or screen's id, lies in it now. */
export async function listAudit(db: Kysely<Database>, { limit, before, subtreePrefix }: AuditPageRequest): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit)
  if (before !== undefined) query = query.where('id', '<', before)
  if (subtreePrefix !== undefined) {
    const inSubtree = `${subtreePrefix}%`
    query = query.where((eb) =>
      eb.or([
        eb('subject', 'in', eb.selectFrom('users').select('users.username').where('region_code', 'like', inSubtree)),
        eb('subject', 'in', eb.selectFrom('api_keys').select('api_keys.id').where('region_code', 'like', inSubtree)),
        eb('subject', 'in', eb.selectFrom('screens').select('screens.id').where('region_code', 'like', inSubtree)),
      ]),
    )
  }
  return query.execute()
}
