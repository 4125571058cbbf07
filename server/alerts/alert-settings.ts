// Each rule's thresholds in one place: the defaults here, an administrator's overrides in
// alert_rule_settings (one row per rule, the whole settings object), audited.
import type { Kysely } from 'kysely'
import { ALERT_RULES, type AlertRule, type AlertRuleEntry, type AlertRuleSettings } from '../../shared/alerts'
import { writeAudit } from '../access/audit-log'
import type { Database } from '../db/schema'

/** Sensible defaults; docs/alerts.md says why each is what it is. */
export const DEFAULT_ALERT_SETTINGS: Record<AlertRule, AlertRuleSettings> = {
  // open complaints and reports past their statutory deadline in a county
  overdue_backlog: { fireLevel: 30, clearLevel: 20, holdMinutes: 10, minExcess: 0, groupChildren: 3 },
  // robust z-score of today's complaints against the same weekday of the last 8 weeks
  complaint_spike: { fireLevel: 4, clearLevel: 2, holdMinutes: 15, minExcess: 10, groupChildren: 3 },
  // percentage points behind the campaign's schedule
  campaign_lagging: { fireLevel: 20, clearLevel: 10, holdMinutes: 60, minExcess: 0, groupChildren: 3 },
  // failed food sampling batches over the last 7 days in a county, or of one category across a city's counties
  food_failures: { fireLevel: 5, clearLevel: 3, holdMinutes: 0, minExcess: 0, groupChildren: 3 },
  // a 挂牌督办 case is open: 1 while it is, at once
  major_case: { fireLevel: 1, clearLevel: 0.5, holdMinutes: 0, minExcess: 0, groupChildren: 3 },
  // a serious special-equipment hazard past its fix deadline: 1 while it is, at once
  hazard_unfixed: { fireLevel: 1, clearLevel: 0.5, holdMinutes: 0, minExcess: 0, groupChildren: 3 },
}

export const RULE_DESCRIPTIONS: Record<AlertRule, { zh: string; en: string }> = {
  overdue_backlog: { zh: '区县超期未办结的投诉举报件数', en: 'open complaints and reports past their statutory deadline in a county' },
  complaint_spike: {
    zh: '当日投诉量相对近 8 周同星期中位数的稳健偏离（MAD 倍数）',
    en: "today's complaints against the median of the same weekday over the last 8 weeks, in scaled MADs",
  },
  campaign_lagging: { zh: '专项行动进度落后时间进度的百分点', en: 'percentage points a region is behind its campaign schedule' },
  food_failures: {
    zh: '区县近 7 日食品抽检不合格批次；同一食品类别在地市内跨区县的不合格批次',
    en: "failed food sampling batches in a county over the last 7 days; and one food category's failed batches across a city's counties",
  },
  major_case: { zh: '挂牌督办案件立案且未作出决定', en: 'a 挂牌督办 (supervised major) case open and not yet decided' },
  hazard_unfixed: { zh: '特种设备严重事故隐患超过整改期限未整改', en: 'a serious special-equipment hazard past its fix deadline' },
}

/** Why the settings cannot stand, per field; empty when they can. */
export function settingsProblems(settings: AlertRuleSettings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = []
  if (settings.clearLevel >= settings.fireLevel) problems.push({ field: 'body.clearLevel', message: `must be below fireLevel (${settings.fireLevel}): an alert clears only below a lower level than it fires at, so it does not flap` })
  if (settings.fireLevel <= 0) problems.push({ field: 'body.fireLevel', message: 'must be above 0: a level of 0 would fire everywhere' })
  return problems
}

/** The settings each rule goes by now: the stored ones, else the defaults. */
export async function readAlertSettings(db: Kysely<Database>): Promise<Record<AlertRule, AlertRuleSettings>> {
  return Object.fromEntries((await readRuleEntries(db)).map((entry) => [entry.rule, entry.settings])) as Record<AlertRule, AlertRuleSettings>
}

export interface StoredRuleEntry extends Omit<AlertRuleEntry, 'updatedAt'> {
  updatedAt: Date | null
}

export async function readRuleEntries(db: Kysely<Database>): Promise<StoredRuleEntry[]> {
  const rows = await db.selectFrom('alert_rule_settings').selectAll().execute()
  const stored = new Map(rows.map((row) => [row.rule, row]))
  return ALERT_RULES.map((rule) => {
    const row = stored.get(rule)
    const defaults = DEFAULT_ALERT_SETTINGS[rule]
    // a stored row from before a setting existed takes that setting's default
    const settings = row === undefined ? defaults : { ...defaults, ...(row.settings as Partial<AlertRuleSettings>) }
    return { rule, description: RULE_DESCRIPTIONS[rule], settings, defaults, updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null }
  })
}

/** Stores a rule's settings and the audit entry saying who changed what, together. */
export async function saveAlertSettings(db: Kysely<Database>, rule: AlertRule, settings: AlertRuleSettings, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('alert_rule_settings').select('settings').where('rule', '=', rule).executeTakeFirst()
    const json = JSON.stringify(settings)
    await trx
      .insertInto('alert_rule_settings')
      .values({ rule, settings: json, updated_by: actor })
      .onConflict((oc) => oc.column('rule').doUpdateSet({ settings: json, updated_by: actor, updated_at: new Date() }))
      .execute()
    await writeAudit(trx, { actor, action: 'alert_rule.updated', subject: rule, detail: { before: before?.settings ?? DEFAULT_ALERT_SETTINGS[rule], after: settings } })
  })
}
