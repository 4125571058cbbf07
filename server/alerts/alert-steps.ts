// A duty officer's steps on an alert: acknowledge it, snooze it. Each a conditional update
// of a firing alert with its event, in one transaction.
import type { Kysely } from 'kysely'
import type { SnoozeRequest } from '../../shared/alerts'
import type { Database } from '../db/schema'

/** false when the alert is not firing (resolved, or never fired). */
export async function acknowledgeAlert(db: Kysely<Database>, id: string, actor: string, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('alerts').set({ acknowledged_at: now, acknowledged_by: actor }).where('id', '=', id).where('state', '=', 'firing').returning('figures').executeTakeFirst()
    if (row === undefined) return false
    await trx.insertInto('alert_events').values({ alert_id: id, at: now, kind: 'acknowledged', figures: JSON.stringify(row.figures), actor, text: null }).execute()
    return true
  })
}

/** Hidden until now + minutes; the evaluation ends the snooze once it ran out (alert-transitions endSnoozes). */
export async function snoozeAlert(db: Kysely<Database>, id: string, actor: string, { minutes, reason }: SnoozeRequest, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const until = new Date(now.getTime() + minutes * 60_000)
    const row = await trx
      .updateTable('alerts')
      .set({ snoozed_until: until, snooze_reason: reason, snoozed_by: actor })
      .where('id', '=', id)
      .where('state', '=', 'firing')
      .returning('figures')
      .executeTakeFirst()
    if (row === undefined) return false
    await trx.insertInto('alert_events').values({ alert_id: id, at: now, kind: 'snoozed', figures: JSON.stringify(row.figures), actor, text: reason }).execute()
    return true
  })
}
