// Alerts as people read them: the open list of a region's subtree (grouped where one rule
// fires in many children of one region), the snapshot live carries, one alert with its
// history. Grouping is done here, at read time, from the rows: a group is never stored,
// so it can never disagree with its children.
import type { Kysely, Selectable } from 'kysely'
import { type Alert, type AlertDetail, type AlertEvent, type AlertRule, type AlertRuleSettings, LIVE_ALERTS_LENGTH, compareAlerts } from '../../shared/alerts'
import type { AlertsTable, Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { isoInTimeZone } from '../time/zoned-time'
import { groupsBySubject, linkOf } from './alert-rules'
import { readAlertSettings } from './alert-settings'

export interface ReadAlertsOptions {
  /** 'open': firing and not snoozed (the default); 'firing' counts snoozed ones too */
  state?: 'open' | 'firing' | 'resolved'
  rule?: AlertRule
  now: Date
}

const iso = (date: Date | null, timeZone: string) => (date === null ? null : isoInTimeZone(new Date(date), timeZone))

export function alertOf(row: Selectable<AlertsTable>, tree: RegionTree, timeZone: string): Alert {
  return {
    id: row.id,
    rule: row.rule as AlertRule,
    regionCode: row.region_code,
    regionName: tree.get(row.region_code)?.name ?? row.region_code,
    subject: row.subject,
    severity: row.severity,
    // a resolved alert seen again but not yet held long enough is still resolved to its readers
    state: row.state === 'firing' ? 'firing' : 'resolved',
    figures: row.figures,
    message: row.message,
    firstSeenAt: isoInTimeZone(new Date(row.first_seen_at), timeZone),
    lastSeenAt: isoInTimeZone(new Date(row.last_seen_at), timeZone),
    resolvedAt: iso(row.resolved_at, timeZone),
    snoozedUntil: iso(row.snoozed_until, timeZone),
    snoozeReason: row.snooze_reason,
    acknowledgedAt: iso(row.acknowledged_at, timeZone),
    acknowledgedBy: row.acknowledged_by,
    link: linkOf(row.rule as AlertRule, row.region_code, row.subject),
    children: [],
  }
}

/** The alerts of `regionCode`'s subtree, grouped, most severe and newest first. */
export async function readAlerts(db: Kysely<Database>, tree: RegionTree, timeZone: string, regionCode: string, options: ReadAlertsOptions): Promise<Alert[]> {
  const state = options.state ?? 'open'
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .where('region_code', 'like', `${tree.subtreePrefix(regionCode)}%`)
    .where('state', '=', state === 'resolved' ? 'resolved' : 'firing')
  if (state === 'open') query = query.where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', options.now)]))
  if (options.rule !== undefined) query = query.where('rule', '=', options.rule)
  const rows = await query.execute()
  const alerts = rows.map((row) => alertOf(row, tree, timeZone))
  const grouped = state === 'resolved' ? alerts : groupAlerts(alerts, tree, regionCode, await readAlertSettings(db))
  return grouped.sort(compareAlerts)
}

/** What a live snapshot carries: the open alerts, at most LIVE_ALERTS_LENGTH, keyed by id (in compareAlerts order). */
export async function readLiveAlerts(db: Kysely<Database>, tree: RegionTree, timeZone: string, regionCode: string, now: Date): Promise<Record<string, Alert>> {
  const alerts = await readAlerts(db, tree, timeZone, regionCode, { now })
  return Object.fromEntries(alerts.slice(0, LIVE_ALERTS_LENGTH).map((alert) => [alert.id, alert]))
}

/** The id of the grouped alert of `rule` at `parentCode` (and of `subject`, for a rule that groups by subject). */
export const groupIdOf = (rule: AlertRule, parentCode: string, subject = ''): string => (subject === '' ? `group:${rule}:${parentCode}` : `group:${rule}:${parentCode}:${subject}`)

/**
 * A rule firing in at least `groupChildren` (its setting) distinct children of one region
 * of the subtree becomes one alert of that region listing them: most severe of them, seen
 * first and last when they were. A rule that groups by subject (groupsBySubject) groups
 * only alerts of the same subject.
 */
export function groupAlerts(alerts: readonly Alert[], tree: RegionTree, rootCode: string, settings: Record<AlertRule, AlertRuleSettings>): Alert[] {
  const byGroup = new Map<string, { rule: AlertRule; parentCode: string; subject: string; members: Alert[] }>()
  for (const alert of alerts) {
    const parentCode = tree.get(alert.regionCode)?.parentCode
    if (parentCode === null || parentCode === undefined || !tree.contains(rootCode, parentCode)) continue
    const subject = groupsBySubject(alert.rule) ? alert.subject : ''
    const id = groupIdOf(alert.rule, parentCode, subject)
    const group = byGroup.get(id)
    if (group === undefined) byGroup.set(id, { rule: alert.rule, parentCode, subject, members: [alert] })
    else group.members.push(alert)
  }
  const grouped = new Set<Alert>()
  const groups: Alert[] = []
  for (const [id, { rule, parentCode, subject, members }] of byGroup) {
    if (new Set(members.map((member) => member.regionCode)).size < settings[rule].groupChildren) continue
    for (const member of members) grouped.add(member)
    groups.push(groupOf(id, rule, tree.require(parentCode), subject, members))
  }
  return [...alerts.filter((alert) => !grouped.has(alert)), ...groups]
}

function groupOf(id: string, rule: AlertRule, parent: { code: string; name: string; nameEn: string }, subject: string, members: readonly Alert[]): Alert {
  const [first] = [...members].sort(compareAlerts) as [Alert]
  const regions = new Set(members.map((member) => member.regionCode)).size
  const earliest = members.reduce((a, b) => (Date.parse(a.firstSeenAt) <= Date.parse(b.firstSeenAt) ? a : b))
  const latest = members.reduce((a, b) => (Date.parse(a.lastSeenAt) >= Date.parse(b.lastSeenAt) ? a : b))
  const children = [...members].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.id.localeCompare(b.id))
  return {
    ...first,
    id,
    regionCode: parent.code,
    regionName: parent.name,
    subject,
    figures: { regions, alerts: members.length },
    message: {
      zh: `${parent.name} ${regions} 个下级地区同时预警：${first.message.zh}等`,
      en: `${parent.nameEn}: ${regions} regions below alert at once, e.g. ${first.message.en}`,
    },
    firstSeenAt: earliest.firstSeenAt,
    lastSeenAt: latest.lastSeenAt,
    snoozedUntil: null,
    snoozeReason: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    link: linkOf(rule, parent.code, first.subject),
    children: children.map((child) => ({ id: child.id, regionCode: child.regionCode, regionName: child.regionName })),
  }
}

/** One stored alert (pending ones are nobody's business yet) with its history, oldest first. */
export async function readAlertDetail(db: Kysely<Database>, tree: RegionTree, timeZone: string, id: string): Promise<AlertDetail | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).where((eb) => eb.or([eb('state', '<>', 'pending'), eb('fired_at', 'is not', null)])).executeTakeFirst()
  if (row === undefined) return undefined
  const events = await db.selectFrom('alert_events').selectAll().where('alert_id', '=', id).orderBy('id').execute()
  const history: AlertEvent[] = events.map((event) => ({
    at: isoInTimeZone(new Date(event.at), timeZone),
    kind: event.kind as AlertEvent['kind'],
    figures: event.figures,
    actor: event.actor,
    text: event.text,
  }))
  return { ...alertOf(row, tree, timeZone), history }
}
