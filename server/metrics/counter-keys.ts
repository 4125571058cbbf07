// Names of the additive counters in metric_counts_daily / _monthly. Contributions
// write them, the metric catalogue reads them. Money is counted in fen (1/100 yuan).

export const COUNTER = {
  inspections: 'inspections',
  inspectionsByKind: (kind: string) => `inspections.kind.${kind}`,
  inspectionsByDomain: (domain: string) => `inspections.domain.${domain}`,
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
  intakeByType: (type: 'complaint' | 'report') => `intake.type.${type}`,
  intakeByChannel: (channel: string) => `intake.channel.${channel}`,
  intakeByCategory: (category: string) => `intake.category.${category}`,
  complaintsAccepted: 'complaints.accepted',
  /** attributed to the acceptance day, like complaintsAccepted, so the ratio compares one cohort */
  complaintsMediated: 'complaints.mediated',
  recoveredLossFen: 'complaints.recovered_fen',

  casesOpened: 'cases.opened',
  casesByDomain: (domain: string) => `cases.domain.${domain}`,
  casesMajor: 'cases.major',
  casesFromComplaints: 'cases.from_complaint',
  casesTransferred: 'cases.transferred',
  finesConfiscationsFen: 'cases.fines_fen',

  /** a statutory clock counts as due on its due day once it is done or its deadline has passed */
  clockDue: (clock: ClockName) => `clock.${clock}.due`,
  clockOnTime: (clock: ClockName) => `clock.${clock}.on_time`,

  campaignInspections: (campaignId: string) => `campaign.${campaignId}.inspections`,
  campaignCases: (campaignId: string) => `campaign.${campaignId}.cases`,
  campaignFinesFen: (campaignId: string) => `campaign.${campaignId}.fines_fen`,
} as const

export const CLOCK_NAMES = ['complaint_acceptance', 'complaint_closure', 'report_check', 'case_decision'] as const
export type ClockName = (typeof CLOCK_NAMES)[number]
