// One evaluation: every rule over some regions at one instant, each condition taken
// through the state machine. The plugin calls it as records commit and clocks tick; the
// tests call it with the instant they choose.
import type { Kysely } from 'kysely'
import type { Region } from '../../shared/api'
import type { Database } from '../db/schema'
import { readContext } from '../metrics/metric-loader'
import type { MetricSource } from '../metrics/metric-source'
import type { RegionTree } from '../regions/region-tree'
import { readAlertSettings } from './alert-settings'
import { conditionBelow, conditionHolds, endSnoozes, fingerprintOf, takesNoStep } from './alert-transitions'
import { readConditions } from './rule-inputs'
import type { SpikeBaselines } from './spike-baselines'

export interface AlertDeps {
  db: Kysely<Database>
  /** the database itself, not a cache: a rule reads the state at `now` */
  source: MetricSource
  regions: RegionTree
  /** the complaint spike's baselines, kept for the day */
  baselines: SpikeBaselines
}

/**
 * Evaluates every rule in `codes` (every region when 'all') at `now`; returns the regions
 * whose visible alerts changed (raised, updated, resolved, reopened, back from a snooze).
 */
export async function evaluateAlerts({ db, source, regions: tree, baselines }: AlertDeps, codes: Iterable<string> | 'all', now: Date): Promise<Set<string>> {
  const regions: Region[] = codes === 'all' ? [...tree.all()] : [...new Set(codes)].flatMap((code) => tree.get(code) ?? [])
  const changed = new Set<string>(await endSnoozes(db, now))
  if (regions.length === 0) return changed
  const settings = await readAlertSettings(db)
  const conditions = await readConditions(db, readContext(source, now), baselines, tree, regions, settings, source.timeZone)
  const byFingerprint = new Map(conditions.map((condition) => [fingerprintOf(condition), condition]))
  const active = await db
    .selectFrom('alerts')
    .select(['id', 'fingerprint', 'rule', 'region_code', 'state', 'severity', 'figures', 'condition_since'])
    .where('state', '<>', 'resolved')
    .where('region_code', 'in', regions.map((region) => region.code))
    .execute()
  const activeRows = new Map(active.map((row) => [row.fingerprint, row]))
  // One after another: a handful of steps per evaluation, each its own short transaction.
  for (const condition of conditions) {
    const ruleSettings = settings[condition.rule]
    const row = activeRows.get(fingerprintOf(condition))
    if (row !== undefined && takesNoStep(row, condition, ruleSettings, now)) continue
    if (condition.level >= ruleSettings.fireLevel) {
      if (await conditionHolds(db, condition, ruleSettings, now)) changed.add(condition.regionCode)
    } else if (row !== undefined && (await conditionBelow(db, row.id, condition, ruleSettings, now))) changed.add(condition.regionCode)
  }
  for (const row of active) {
    if (byFingerprint.has(row.fingerprint)) continue
    const ruleSettings = settings[row.rule as keyof typeof settings]
    if (ruleSettings !== undefined && (await conditionBelow(db, row.id, undefined, ruleSettings, now))) changed.add(row.region_code)
  }
  return changed
}
