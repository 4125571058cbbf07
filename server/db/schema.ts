// The one Database interface: every table, as kysely sees it.
import type { ColumnType, Generated } from 'kysely'
import type { Geometry } from 'geojson'

export interface RegionsTable {
  code: string
  parent_code: string | null
  level: 'province' | 'city' | 'county'
  name: string
  population: ColumnType<number, number, number>
  market_entities: ColumnType<number, number, number>
  population_estimated: boolean
  market_entities_estimated: boolean
}

/** Surveyed boundaries imported by the operator; they replace built-in or schematic shapes. */
export interface RegionBoundariesTable {
  code: string
  parent_code: string
  name: string
  geometry: ColumnType<Geometry, string, string>
  source_file: string
  imported_at: Generated<Date>
}

type Timestamp = ColumnType<Date, Date | string, Date | string>

export interface RecordsTable {
  type: string
  id: string
  region_code: string
  /** occurredAt / receivedAt / openedAt / startsOn */
  event_at: Timestamp
  status: string | null
  status_at: Timestamp | null
  content: ColumnType<unknown, string, string>
  /** lifecycle history in time order: [{status, statusAt}] */
  steps: ColumnType<{ status: string; statusAt: string }[], string, string>
  ingested_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface MetricCountsDailyTable {
  region_code: string
  metric: string
  day: ColumnType<string, string, string>
  value: number
}

export interface MetricCountsMonthlyTable {
  region_code: string
  metric: string
  /** first day of the month */
  month: ColumnType<string, string, string>
  value: number
}

/** Counter changes appended by ingest and not yet folded into the day and month tables. */
export interface CounterChangesTable {
  region_code: string
  /** metric → local day → change */
  changes: ColumnType<Record<string, Record<string, number>>, string, string>
}

/** Statutory clocks still running; a met clock leaves (its outcome is in the counters). */
export interface OpenClocksTable {
  record_type: string
  record_id: string
  clock: string
  region_code: string
  starts_at: Timestamp
  due_at: Timestamp
}

export interface CampaignsTable {
  id: string
  name: string
  /** null: the campaign gave no English name */
  name_en: string | null
  region_code: string
  starts_on: ColumnType<string, string, string>
  ends_on: ColumnType<string, string, string>
  domains: ColumnType<string[], string, string>
}

export interface CampaignTargetsTable {
  campaign_id: string
  region_code: string
  inspections: number | null
  cases: number | null
}

export interface SweepWatermarkTable {
  singleton: Generated<boolean>
  swept_until: Timestamp
}

/** Raised by one by every commit that changes counters (see migration 2026-12-01T11). */
export interface CommitGenerationTable {
  singleton: Generated<boolean>
  value: number
}

/** The demo's first-start history and how far it is filled (see migration 2026-12-04T09). */
export interface DemoHistoryTable {
  singleton: Generated<boolean>
  starts_at: Timestamp
  ends_at: Timestamp
  filled_until: Timestamp
  /** null: no year earlier to fill */
  year_earlier_filled_until: Timestamp | null
}

/** People who log in (see migration 2026-12-04T15); `role` is one of access's USER_ROLES, held by a CHECK. */
export interface UsersTable {
  id: string
  username: string
  password_hash: string
  role: string
  region_code: string
  disabled: Generated<boolean>
  failed_logins: Generated<number>
  locked_until: Timestamp | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** Integrator keys (role integrator): only the token's SHA-256 is kept. */
export interface ApiKeysTable {
  id: string
  name: string
  region_code: string
  token_hash: string
  created_at: Generated<Date>
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

/** Wall PCs (role screen): a token bound to a region, and optionally a playlist of screens. */
export interface ScreensTable extends ApiKeysTable {
  /** comma-separated screen names, as in the wall's `?playlist=` */
  playlist: string | null
}

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (see migration 2026-12-04T15). */
export interface AuditLogTable {
  id: Generated<number>
  at: Generated<Date>
  actor: string
  action: string
  subject: string
  detail: ColumnType<Record<string, unknown>, string, never>
}

/** Logged-in browsers (see migration 2026-12-04T16): the session id only as its SHA-256. */
export interface SessionsTable {
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: Generated<Date>
  expires_at: Timestamp
  last_seen_at: Generated<Date>
}

/** One row per fingerprint (rule + region + subject), see migration 2026-12-04T20. */
export interface AlertsTable {
  id: string
  fingerprint: string
  rule: string
  region_code: string
  subject: string
  severity: 'critical' | 'major' | 'minor'
  state: 'pending' | 'firing' | 'resolved'
  figures: ColumnType<Record<string, number>, string, string>
  message: ColumnType<{ zh: string; en: string }, string, string>
  first_seen_at: Timestamp
  last_seen_at: Timestamp
  condition_since: Timestamp | null
  fired_at: Timestamp | null
  resolved_at: Timestamp | null
  snoozed_until: Timestamp | null
  snooze_reason: string | null
  snoozed_by: string | null
  acknowledged_at: Timestamp | null
  acknowledged_by: string | null
}

/** An alert's state history. */
export interface AlertEventsTable {
  id: Generated<number>
  alert_id: string
  at: Timestamp
  kind: string
  figures: ColumnType<Record<string, number>, string, never>
  actor: string | null
  text: string | null
}

export interface AlertRuleSettingsTable {
  rule: string
  settings: ColumnType<Record<string, number>, string, string>
  updated_at: Generated<Date>
  updated_by: string
}

export interface TasksTable {
  id: string
  alert_id: string | null
  region_code: string
  title: string
  instructions: string
  priority: 'urgent' | 'high' | 'normal'
  state: 'assigned' | 'acknowledged' | 'answered' | 'returned' | 'rejected' | 'closed'
  due_at: Timestamp
  acknowledge_due_at: Timestamp
  extension_requested_until: Timestamp | null
  dispatched_by: string
  dispatched_by_name: string
  dispatched_by_role: string
  dispatched_at: Timestamp
  closed_at: Timestamp | null
  version: Generated<number>
}

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (see migration 2026-12-04T20). */
export interface TaskStepsTable {
  task_id: string
  seq: number
  action: string
  actor_id: string
  actor_name: string
  actor_role: string
  at: Timestamp
  text: string | null
  details: ColumnType<Record<string, string | number | null>, string, never>
}

export interface Database {
  regions: RegionsTable
  region_boundaries: RegionBoundariesTable
  records: RecordsTable
  metric_counts_daily: MetricCountsDailyTable
  metric_counts_monthly: MetricCountsMonthlyTable
  counter_changes: CounterChangesTable
  open_clocks: OpenClocksTable
  campaigns: CampaignsTable
  campaign_targets: CampaignTargetsTable
  sweep_watermark: SweepWatermarkTable
  commit_generation: CommitGenerationTable
  demo_history: DemoHistoryTable
  users: UsersTable
  api_keys: ApiKeysTable
  screens: ScreensTable
  audit_log: AuditLogTable
  sessions: SessionsTable
  alerts: AlertsTable
  alert_events: AlertEventsTable
  alert_rule_settings: AlertRuleSettingsTable
  tasks: TasksTable
  task_steps: TaskStepsTable
}
