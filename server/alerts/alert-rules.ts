// The rules, pure: each turns the figures it watches in one region (and subject) into a
// condition, one number (its level) that the state machine holds against the rule's
// fire and clear levels, with the figures behind it and a message in both languages;
// and names the wall screen that shows it. Reading the figures is rule-inputs.ts's job.
import { foodCategoryInEnglish } from '../../shared/food-categories'
import type { AlertRule, AlertRuleSettings, AlertSeverity } from '../../shared/alerts'
import type { ScreenKey } from '../../shared/wall-screens'

export interface Condition {
  rule: AlertRule
  regionCode: string
  /** '' when the rule has one alert per region */
  subject: string
  level: number
  figures: Record<string, number>
  message: { zh: string; en: string }
}

interface Place {
  code: string
  name: string
  /** what the English message calls it */
  nameEn: string
}

/** A serious hazard must be fixed within this many days of being found (docs/alerts.md): the records carry no deadline of their own. */
export const HAZARD_FIX_DAYS = 30
/** Weeks of the same weekday the complaint baseline looks back over. */
export const SPIKE_BASELINE_WEEKS = 8
/** The scaled MAD of a normal distribution is its standard deviation. */
const MAD_SCALE = 1.4826
/** Failed batches are counted over this many days up to today. */
export const FOOD_FAILURE_DAYS = 7

/** The wall's URL of a pinned screen (client/src/router/routes.ts wallPath): /wall/<screen>/<region>[?period=…]. */
function wallLink(screen: ScreenKey, regionCode: string, period?: string): string {
  const path = `/wall/${screen}/${regionCode}`
  return period === undefined ? path : `${path}?period=${encodeURIComponent(period)}`
}

/** The screen that shows what the rule watches, for the region (a campaign's rule: in that campaign's period). */
export function linkOf(rule: AlertRule, regionCode: string, subject: string): string {
  switch (rule) {
    case 'overdue_backlog':
      return wallLink('complaints', regionCode)
    case 'complaint_spike':
      return wallLink('complaints', regionCode, 'today')
    case 'campaign_lagging':
      return wallLink('campaign', regionCode, `campaign:${subject}`)
    case 'food_failures':
      return wallLink('inspections', regionCode, '7d')
    case 'major_case':
      return wallLink('overview', regionCode)
    case 'hazard_unfixed':
      return wallLink('inspections', regionCode)
  }
}

/** Twice the fire level or more is the next severity up. */
function bySize(level: number, settings: AlertRuleSettings, low: AlertSeverity, high: AlertSeverity): AlertSeverity {
  return level >= 2 * settings.fireLevel ? high : low
}

export function severityOf(rule: AlertRule, level: number, settings: AlertRuleSettings): AlertSeverity {
  switch (rule) {
    case 'overdue_backlog':
    case 'food_failures':
      return bySize(level, settings, 'major', 'critical')
    case 'complaint_spike':
    case 'campaign_lagging':
      return bySize(level, settings, 'minor', 'major')
    case 'major_case':
    case 'hazard_unfixed':
      return 'critical'
  }
}

export function overdueBacklog(region: Place, overdue: number, settings: AlertRuleSettings): Condition {
  return {
    rule: 'overdue_backlog',
    regionCode: region.code,
    subject: '',
    level: overdue,
    figures: { overdue, threshold: settings.fireLevel },
    message: {
      zh: `${region.name} 超期未办结 ${overdue} 件，已达阈值 ${settings.fireLevel} 件`,
      en: `${region.nameEn}: ${overdue} complaints and reports past their deadline, reaching the threshold of ${settings.fireLevel}`,
    },
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * Today's complaints against the same weekday's usual level: the median of the baseline
 * days, and how far today lies above it in scaled MADs (at least 1, so a flat history
 * does not turn one complaint into a spike). An excess under `minExcess` complaints is
 * no spike at all (level 0), however unusual: a quiet county's 3 instead of 1 is noise.
 */
export function complaintSpike(region: Place, today: number, baseline: readonly number[], settings: AlertRuleSettings): Condition {
  const usual = median(baseline)
  const mad = median(baseline.map((count) => Math.abs(count - usual)))
  const spread = Math.max(MAD_SCALE * mad, 1)
  const excess = today - usual
  const score = excess >= settings.minExcess && excess > 0 ? Math.round((excess / spread) * 100) / 100 : 0
  return {
    rule: 'complaint_spike',
    regionCode: region.code,
    subject: '',
    level: score,
    figures: { today, median: usual, mad, score },
    message: {
      zh: `${region.name} 今日投诉 ${today} 件，同星期常态 ${usual} 件，异常升高`,
      en: `${region.nameEn}: ${today} complaints today against a usual ${usual} on this weekday, an unusual rise`,
    },
  }
}

export interface Lag {
  campaignId: string
  campaignName: string
  /** the English message's name for it: the campaign's English name, or its Chinese one when it gave none */
  campaignNameEn: string
  /** the least progress of any target kind, % */
  progress: number
  /** % of the campaign's time gone */
  schedule: number
}

export function campaignLagging(region: Place, lag: Lag): Condition {
  const behind = Math.round((lag.schedule - lag.progress) * 10) / 10
  const progress = Math.round(lag.progress * 10) / 10
  const schedule = Math.round(lag.schedule * 10) / 10
  return {
    rule: 'campaign_lagging',
    regionCode: region.code,
    subject: lag.campaignId,
    level: Math.max(0, behind),
    figures: { progress, schedule, behind },
    message: {
      zh: `${region.name}「${lag.campaignName}」完成 ${progress}%，时间进度 ${schedule}%，落后 ${behind} 个百分点`,
      en: `${region.nameEn}: "${lag.campaignNameEn}" at ${progress}% with ${schedule}% of its time gone, ${behind} points behind`,
    },
  }
}

export function foodFailures(region: Place, failed: number, batches: number, settings: AlertRuleSettings): Condition {
  return {
    rule: 'food_failures',
    regionCode: region.code,
    subject: '',
    level: failed,
    figures: { failed, batches, days: FOOD_FAILURE_DAYS, threshold: settings.fireLevel },
    message: {
      zh: `${region.name} 近 ${FOOD_FAILURE_DAYS} 日食品抽检不合格 ${failed} 批次（共 ${batches} 批次），已达阈值 ${settings.fireLevel} 批次`,
      en: `${region.nameEn}: ${failed} of ${batches} food batches failed over ${FOOD_FAILURE_DAYS} days, reaching the threshold of ${settings.fireLevel}`,
    },
  }
}

/** One food category's failed batches across a city's counties over FOOD_FAILURE_DAYS. */
export interface CategoryFailures {
  category: string
  failed: number
  /** all batches of the category sampled there, passed or failed */
  batches: number
  /** the counties with at least one failed batch of the category */
  counties: number
}

/**
 * Failed batches of one category clustering across a city's counties (subject: the
 * category). Failures all in one county are that county's own total alert's to raise
 * (its total is at least the category's), so they count for nothing here: one thing,
 * one alert (docs/alerts.md).
 */
export function foodCategoryFailures(city: Place, failures: CategoryFailures, settings: AlertRuleSettings): Condition {
  const { category, failed, batches, counties } = failures
  return {
    rule: 'food_failures',
    regionCode: city.code,
    subject: category,
    level: counties >= 2 ? failed : 0,
    figures: { failed, batches, days: FOOD_FAILURE_DAYS, counties, threshold: settings.fireLevel },
    message: {
      zh: `${city.name} 近 ${FOOD_FAILURE_DAYS} 日「${category}」抽检不合格 ${failed} 批次（共 ${batches} 批次），分布于 ${counties} 个区县，已达阈值 ${settings.fireLevel} 批次`,
      en: `${city.nameEn}: ${failed} of ${batches} "${foodCategoryInEnglish(category)}" batches failed over ${FOOD_FAILURE_DAYS} days across ${counties} counties, reaching the threshold of ${settings.fireLevel}`,
    },
  }
}

/**
 * Whether a rule's alerts group at a parent only with those of the same subject. A food
 * category or a campaign is what its alerts are about, so 乳制品 in three cities is one thing
 * and three categories are not, and a group names one campaign (its link opens that
 * campaign's screen); cases and hazards group across their subjects, as one kind of thing.
 */
export function groupsBySubject(rule: AlertRule): boolean {
  return rule === 'food_failures' || rule === 'campaign_lagging'
}

export function majorCase(region: Place, caseId: string, openDays: number): Condition {
  return {
    rule: 'major_case',
    regionCode: region.code,
    subject: caseId,
    level: 1,
    figures: { openDays },
    message: { zh: `${region.name} 挂牌督办案件 ${caseId} 已立案，待作出处理决定`, en: `${region.nameEn}: supervised major case ${caseId} is open, awaiting its decision` },
  }
}

export function hazardUnfixed(region: Place, inspectionId: string, daysPastDeadline: number): Condition {
  return {
    rule: 'hazard_unfixed',
    regionCode: region.code,
    subject: inspectionId,
    level: 1,
    figures: { daysPastDeadline, fixDays: HAZARD_FIX_DAYS },
    message: {
      zh: `${region.name} 特种设备严重事故隐患（检查 ${inspectionId}）超过整改期限 ${daysPastDeadline} 天未整改`,
      en: `${region.nameEn}: a serious special-equipment hazard (inspection ${inspectionId}) is ${daysPastDeadline} days past its fix deadline`,
    },
  }
}
