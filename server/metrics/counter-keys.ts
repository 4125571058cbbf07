// Names of the additive counters in metric_counts_daily / _monthly. Contributions
// write them, the metric catalogue reads them. Money is counted in fen (1/100 yuan).
import { CLOCK_COUNTERS, type ClockName } from '../clocks/statutory-clocks'

/** Names `prefix + name + suffix`, each built once: ingest asks for them millions of times. */
function family<Name extends string = string>(prefix: string, suffix = ''): (name: Name) => string {
  const names = new Map<string, string>()
  return (name) => {
    let full = names.get(name)
    if (full === undefined) names.set(name, (full = `${prefix}${name}${suffix}`))
    return full
  }
}

export const COUNTER = {
  inspections: 'inspections',
  inspectionsByKind: family('inspections.kind.'),
  inspectionsByDomain: family('inspections.domain.'),
  inspectionsWithProblems: 'inspections.problems',
  inspectionsNotFound: 'inspections.not_found',
  specialEquipmentInspected: 'special_equipment.inspected',
  specialEquipmentRegistered: 'special_equipment.registered',
  statutoryInspectionsDue: 'special_equipment.statutory_due',
  statutoryInspectionsOnTime: 'special_equipment.statutory_on_time',
  seriousHazardsFound: 'hazards.found',
  seriousHazardsFixed: 'hazards.fixed',

  foodBatches: 'food.batches',
  foodBatchesFailed: 'food.failed',

  /** complaints and reports together (12315 intake) */
  intakeReceived: 'intake.received',
  intakeByType: family<'complaint' | 'report'>('intake.type.'),
  intakeByChannel: family('intake.channel.'),
  intakeByCategory: family('intake.category.'),
  complaintsAccepted: 'complaints.accepted',
  /** mediations concluded by agreement (mediated) and without it (mediation ended), on the day each concluded */
  mediationsSucceeded: 'complaints.mediation.succeeded',
  mediationsFailed: 'complaints.mediation.failed',
  recoveredLossFen: 'complaints.recovered_fen',

  casesOpened: 'cases.opened',
  casesByDomain: family('cases.domain.'),
  casesMajor: 'cases.major',
  casesFromComplaints: 'cases.from_complaint',
  casesTransferred: 'cases.transferred',
  finesConfiscationsFen: 'cases.fines_fen',

  /** the statutory clocks' own counters (clocks/statutory-clocks.ts) */
  clockDue: (clock: ClockName) => CLOCK_COUNTERS[clock].due,
  clockOnTime: (clock: ClockName) => CLOCK_COUNTERS[clock].onTime,
  clockOverdueOpen: (clock: ClockName) => CLOCK_COUNTERS[clock].overdueOpen,

  campaignInspections: family('campaign.', '.inspections'),
  campaignCases: family('campaign.', '.cases'),
  campaignFinesFen: family('campaign.', '.fines_fen'),
} as const
