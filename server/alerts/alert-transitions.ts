// The alert state machine, in the database. One row per fingerprint (rule + region +
// subject, unique); every step is one transaction that locks the row (or inserts it
// ON CONFLICT DO NOTHING) and checks the state it starts from, so two instances
// evaluating at once, a restart or a retried record take each step once: exactly one
// 'raised' event however many evaluate.
//
//   (none) ──level ≥ fire──▶ pending ──held holdMinutes──▶ firing ──level < clear──▶ resolved
//   pending ──level < fire──▶ (none, or back to resolved)      resolved ──level ≥ fire──▶ pending / firing ('reopened')
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { AlertRuleSettings } from '../../shared/alerts'
import { canonicalJson } from '../db/canonical-json'
import type { Database } from '../db/schema'
import { type Condition, severityOf } from './alert-rules'

/** The alert's identity: the same condition always names the same row. */
export const fingerprintOf = (condition: Pick<Condition, 'rule' | 'regionCode' | 'subject'>): string => `${condition.rule}|${condition.regionCode}|${condition.subject}`

/** A row's id, derived from its fingerprint so that whoever inserts it first names it the same. */
export const alertIdOf = (fingerprint: string): string => `al_${createHash('sha256').update(fingerprint).digest('hex').slice(0, 20)}`

/** What a step changed that a person sees: a firing alert raised, updated, resolved or reopened. */
export type Seen = boolean

type EventKind = 'raised' | 'updated' | 'resolved' | 'reopened' | 'unsnoozed'

async function addEvent(trx: Transaction<Database>, alertId: string, at: Date, kind: EventKind, figures: Record<string, number>): Promise<void> {
  await trx.insertInto('alert_events').values({ alert_id: alertId, at, kind, figures: JSON.stringify(figures), actor: null, text: null }).execute()
}

// Stored figures come back from jsonb with their keys reordered.
const sameFigures = (a: Record<string, number>, b: Record<string, number>) => canonicalJson(a) === canonicalJson(b)

/**
 * Whether a step on this row would change nothing anyone sees: a firing alert whose condition
 * stays at or above its clear level with the same figures and severity, or a pending one still
 * within its hold (its figures are set when it fires). Most conditions of a busy province are
 * one of these, and finding that out under the row's lock costs a transaction each. Read
 * outside a transaction, so at worst a step waits for the next evaluation; the steps check
 * again under the lock.
 */
export function takesNoStep(
  row: { state: string; severity: string; figures: Record<string, number>; condition_since: Date | null },
  condition: Condition,
  settings: AlertRuleSettings,
  now: Date,
): boolean {
  if (row.state === 'pending') return condition.level >= settings.fireLevel && row.condition_since !== null && now.getTime() - row.condition_since.getTime() < settings.holdMinutes * 60_000
  return row.state === 'firing' && condition.level >= settings.clearLevel && row.severity === severityOf(condition.rule, condition.level, settings) && sameFigures(row.figures, condition.figures)
}

/** The condition is at or above the rule's fire level now. */
export async function conditionHolds(db: Kysely<Database>, condition: Condition, settings: AlertRuleSettings, now: Date): Promise<Seen> {
  const fingerprint = fingerprintOf(condition)
  const id = alertIdOf(fingerprint)
  const severity = severityOf(condition.rule, condition.level, settings)
  const holdMs = settings.holdMinutes * 60_000
  const figures = JSON.stringify(condition.figures)
  const message = JSON.stringify(condition.message)
  return db.transaction().execute(async (trx) => {
    const firesAtOnce = holdMs === 0
    const inserted = await trx
      .insertInto('alerts')
      .values({
        id,
        fingerprint,
        rule: condition.rule,
        region_code: condition.regionCode,
        subject: condition.subject,
        severity,
        state: firesAtOnce ? 'firing' : 'pending',
        figures,
        message,
        first_seen_at: now,
        last_seen_at: now,
        condition_since: now,
        fired_at: firesAtOnce ? now : null,
      })
      // Any unique key: the id is made from the fingerprint, and a concurrent insert can meet either first.
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted !== undefined) {
      if (firesAtOnce) await addEvent(trx, id, now, 'raised', condition.figures)
      return firesAtOnce
    }
    const row = await trx.selectFrom('alerts').selectAll().where('fingerprint', '=', fingerprint).forUpdate().executeTakeFirstOrThrow()
    if (row.state === 'resolved') {
      // Seen again: the same row, held afresh; it comes back without its old snooze or acknowledgement.
      const reset = { condition_since: now, severity, figures, message, snoozed_until: null, snooze_reason: null, snoozed_by: null, acknowledged_at: null, acknowledged_by: null }
      if (!firesAtOnce) {
        await trx.updateTable('alerts').set({ ...reset, state: 'pending' }).where('id', '=', row.id).execute()
        return false
      }
      await trx.updateTable('alerts').set({ ...reset, state: 'firing', fired_at: now, last_seen_at: now, resolved_at: null }).where('id', '=', row.id).execute()
      await addEvent(trx, row.id, now, 'reopened', condition.figures)
      return true
    }
    if (row.state === 'pending') {
      const since = row.condition_since ?? now
      if (now.getTime() - since.getTime() < holdMs) {
        await trx.updateTable('alerts').set({ figures, message, severity }).where('id', '=', row.id).execute()
        return false
      }
      await trx.updateTable('alerts').set({ state: 'firing', figures, message, severity, last_seen_at: now, resolved_at: null, fired_at: now }).where('id', '=', row.id).execute()
      await addEvent(trx, row.id, now, row.fired_at === null ? 'raised' : 'reopened', condition.figures)
      return true
    }
    // firing: it lasts; updated when its figures moved
    if (sameFigures(row.figures, condition.figures) && row.severity === severity) return false
    await trx.updateTable('alerts').set({ figures, message, severity, last_seen_at: now }).where('id', '=', row.id).execute()
    if (row.severity !== severity) await addEvent(trx, row.id, now, 'updated', condition.figures)
    return true
  })
}

/**
 * The alert's condition is below the fire level now (`condition` undefined: not seen at
 * all, e.g. the case was decided). Pending goes away; firing clears only below the clear level.
 */
export async function conditionBelow(db: Kysely<Database>, alertId: string, condition: Condition | undefined, settings: AlertRuleSettings, now: Date): Promise<Seen> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('alerts').selectAll().where('id', '=', alertId).forUpdate().executeTakeFirst()
    if (row === undefined || row.state === 'resolved') return false
    if (row.state === 'pending') {
      // Never seen by anyone: a first stretch leaves no trace; a reopening one goes back to resolved.
      if (row.fired_at === null) await trx.deleteFrom('alerts').where('id', '=', row.id).execute()
      else await trx.updateTable('alerts').set({ state: 'resolved', condition_since: null }).where('id', '=', row.id).execute()
      return false
    }
    const level = condition?.level ?? Number.NEGATIVE_INFINITY
    if (level < settings.clearLevel) {
      const figures = condition?.figures ?? row.figures
      await trx.updateTable('alerts').set({ state: 'resolved', resolved_at: now, condition_since: null, figures: JSON.stringify(figures) }).where('id', '=', row.id).execute()
      await addEvent(trx, row.id, now, 'resolved', figures)
      return true
    }
    // between the clear and fire levels: still firing, with its figures as they are
    if (condition === undefined || sameFigures(row.figures, condition.figures)) return false
    const severity = severityOf(condition.rule, condition.level, settings)
    await trx
      .updateTable('alerts')
      .set({ figures: JSON.stringify(condition.figures), message: JSON.stringify(condition.message), severity, last_seen_at: now })
      .where('id', '=', row.id)
      .execute()
    if (row.severity !== severity) await addEvent(trx, row.id, now, 'updated', condition.figures)
    return true
  })
}

/** Snoozes that ran out by `now` end, each once: the alert is back in the open list. Returns the regions of those that came back. */
export async function endSnoozes(db: Kysely<Database>, now: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('alerts')
      .set({ snoozed_until: null, snooze_reason: null, snoozed_by: null })
      .where('snoozed_until', '<=', now)
      .returning(['id', 'region_code', 'figures', 'state'])
      .execute()
    for (const row of ended) await addEvent(trx, row.id, now, 'unsnoozed', row.figures)
    return ended.filter((row) => row.state === 'firing').map((row) => row.region_code)
  })
}
