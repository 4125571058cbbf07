// Which metrics each screen shows in its tiles: in one place, so the wall can fetch their
// trends once for every screen it shows.
import type { MetricKey } from '../../../shared/metrics'

/** The headline metrics of the catalogue (docs/domain.md), each against its target. */
export const OVERVIEW_KPIS: readonly MetricKey[] = [
  'random_inspection_ratio',
  'food_pass_rate',
  'complaint_closed_on_time',
  'report_checked_on_time',
  'case_decided_on_time',
  'serious_hazard_fixed',
  'special_equipment_inspected_on_time',
  'joint_inspection_share',
]

export const COMPLAINT_KPIS: readonly MetricKey[] = [
  'complaint_acceptance_on_time',
  'complaint_closed_on_time',
  'report_checked_on_time',
  'mediation_success_rate',
  'recovered_loss',
  'complaint_to_case_rate',
]

export const INSPECTION_KPIS: readonly MetricKey[] = [
  'random_inspection_ratio',
  'joint_inspection_share',
  'inspection_problem_rate',
  'food_tests_per_thousand',
  'food_pass_rate',
  'special_equipment_registration',
  'special_equipment_inspected_on_time',
  'serious_hazard_fixed',
]

export const TREND_METRICS: readonly MetricKey[] = [...new Set([...OVERVIEW_KPIS, ...COMPLAINT_KPIS, ...INSPECTION_KPIS, 'complaints_received' as const])]
