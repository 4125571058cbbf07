// Alerts of the duty desk: what the rules raise, as the HTTP API, the live snapshot and
// the screens read them. Their state lives in the database (server/alerts).
import Type, { type Static } from 'typebox'
import { RegionCode } from './api'

/** The rules' ids, stable: screens, settings and fingerprints name them. */
export const ALERT_RULES = ['overdue_backlog', 'complaint_spike', 'campaign_lagging', 'food_failures', 'major_case', 'hazard_unfixed'] as const
export type AlertRule = (typeof ALERT_RULES)[number]

/** Most severe first. */
export const ALERT_SEVERITIES = ['critical', 'major', 'minor'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]

/**
 * `firing`: the condition holds (it held for the rule's hold time); `resolved`: it cleared
 * (fell below the rule's clear level). A condition seen but not yet held long enough is
 * not an alert anyone sees.
 */
export const ALERT_STATES = ['firing', 'resolved'] as const
export type AlertState = (typeof ALERT_STATES)[number]

const Instant = Type.String({ description: 'ISO 8601 with the command centre\'s UTC offset' })
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** The figures behind an alert, by name (count, threshold, baseline, …), as numbers. */
export const AlertFigures = Type.Record(Type.String(), Type.Number())

export const Alert = Type.Object({
  id: Type.String(),
  rule: Type.Enum([...ALERT_RULES]),
  regionCode: RegionCode,
  regionName: Type.String(),
  /** what the alert is about within its rule and region: a category, a campaign, a case; '' when the rule has one per region */
  subject: Type.String(),
  severity: Type.Enum([...ALERT_SEVERITIES]),
  state: Type.Enum([...ALERT_STATES]),
  figures: AlertFigures,
  /** the message in both languages; a screen shows the one of its locale */
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  resolvedAt: Nullable(Instant),
  snoozedUntil: Nullable(Instant),
  snoozeReason: Nullable(Type.String()),
  /** a duty officer saw it and took it on: when, and who (username) */
  acknowledgedAt: Nullable(Instant),
  acknowledgedBy: Nullable(Type.String()),
  /** the wall URL (path and query) of the screen that shows it */
  link: Type.String(),
  /** a grouped alert of a parent region: the children the rule fires in, each one alert */
  children: Type.Array(Type.Object({ id: Type.String(), regionCode: RegionCode, regionName: Type.String() })),
})
export type Alert = Static<typeof Alert>

/** One entry of an alert's state history. */
export const AlertEvent = Type.Object({
  at: Instant,
  /** raised, updated (its severity changed), resolved, reopened, snoozed, unsnoozed (the snooze ran out), acknowledged */
  kind: Type.Enum(['raised', 'updated', 'resolved', 'reopened', 'snoozed', 'unsnoozed', 'acknowledged']),
  figures: AlertFigures,
  /** who, for a person's step (a snooze); null for the rules' own */
  actor: Nullable(Type.String()),
  text: Nullable(Type.String()),
})
export type AlertEvent = Static<typeof AlertEvent>

export const AlertDetail = Type.Object({ ...Alert.properties, history: Type.Array(AlertEvent) })
export type AlertDetail = Static<typeof AlertDetail>

export const AlertList = Type.Object({
  /** the region whose subtree is listed: `region`, else the caller's scope */
  regionCode: RegionCode,
  /** most severe and newest first (compareAlerts); a rule firing in enough children of one region is one grouped alert of it */
  alerts: Type.Array(Alert),
})
export type AlertList = Static<typeof AlertList>

/**
 * A rule's thresholds. Each rule reduces what it watches to one figure per region and
 * subject (its `level`, see docs/alerts.md): at or above `fireLevel` for `holdMinutes`
 * it fires; it clears only below `clearLevel`, so a figure wavering at the threshold
 * does not flap.
 */
export const AlertRuleSettings = Type.Object(
  {
    fireLevel: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    clearLevel: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    holdMinutes: Type.Integer({ minimum: 0, maximum: 7 * 24 * 60 }),
    /** complaint_spike: the least excess over the usual level, in complaints, that counts at all */
    minExcess: Type.Integer({ minimum: 0, maximum: 100_000 }),
    /** a rule firing in at least this many children of one region shows as one grouped alert of it */
    groupChildren: Type.Integer({ minimum: 2, maximum: 1000 }),
  },
  { additionalProperties: false },
)
export type AlertRuleSettings = Static<typeof AlertRuleSettings>

export const AlertRuleEntry = Type.Object({
  rule: Type.Enum([...ALERT_RULES]),
  /** what the rule watches and what its level counts, in both languages */
  description: Type.Object({ zh: Type.String(), en: Type.String() }),
  settings: AlertRuleSettings,
  defaults: AlertRuleSettings,
  /** null while the defaults apply */
  updatedAt: Nullable(Instant),
  updatedBy: Nullable(Type.String()),
})
export type AlertRuleEntry = Static<typeof AlertRuleEntry>

export const AlertRuleList = Type.Object({ rules: Type.Array(AlertRuleEntry) })
export type AlertRuleList = Static<typeof AlertRuleList>

export const AlertsQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    state: Type.Optional(Type.Enum(['open', ...ALERT_STATES])),
    rule: Type.Optional(Type.Enum([...ALERT_RULES])),
  },
  { additionalProperties: false },
)
export type AlertsQuery = Static<typeof AlertsQuery>

export const SnoozeRequest = Type.Object(
  {
    /** how long, in minutes: at most a week */
    minutes: Type.Integer({ minimum: 5, maximum: 7 * 24 * 60 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
)
export type SnoozeRequest = Static<typeof SnoozeRequest>

/** Newest open alerts a live snapshot carries for a region's subtree. */
export const LIVE_ALERTS_LENGTH = 20

const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, major: 1, minor: 2 }

/** Most severe first, then newest (last seen), then by id: the same alerts always in the same order. */
export function compareAlerts(a: Alert, b: Alert): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
