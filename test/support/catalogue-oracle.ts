// An oracle for the read API written from the metric catalogue (docs/domain.md, and the
// definitions' words in shared/metrics.ts), apart from server/: every figure is counted
// straight from the records as their sources sent them, for a region's subtree and a
// range of local days. It shares no counter, contribution or deadline code with the
// server, so a wrong denominator or rule there shows as a difference here.
//
// Readings where the catalogue is silent on the day a figure belongs to:
// - a record counts on the local day of its own event: inspections and samplings when
//   they occurred, intake when received, cases when opened, fines and confiscations when
//   the case was decided (a decision imposes them), recovered losses when the complaint
//   closed (where the handbook records them);
// - a mediation counts on the day it concluded, agreed or ended without agreement (the
//   catalogue's choice: a period shows the mediations it decided); hazards fixed count on
//   the day found;
// - a time limit is due on the day its step was taken, or, while the step is still to
//   come, on its last day once that day has ended (as 12315 statistics count items closed
//   in a period plus those overdue); it is met on time when taken by the end of that day.
import type { MetricKey, MetricValue } from '../../shared/metrics'
import type { ComplaintRecord, FoodSamplingRecord, IngestRecord, InspectionRecord, CaseRecord, LifecycleRecord, ReportRecord } from '../../shared/records'
import { type Deadline, type LateSteps, type Lifecycle, STATUTORY_CLOCKS, type StatutoryClock, caseDecidedAt, complaintAcceptedAt, complaintClosedAt, deadlinesOf, lifecyclesOf } from './catalogue-clocks'
import { type LocalRange, localDayOf } from './local-days'

/** The figures a region's per-entity and per-person metrics divide by. */
export interface RegionReference {
  population: number
  marketEntities: number
}

export type IntakeCounts = Record<'byType' | 'byChannel' | 'byCategory', Record<string, number>>

const NO_FIGURES: MetricValue = { value: null, numerator: null, denominator: null }
const rate = (numerator: number, denominator: number, scale = 100): MetricValue => ({ value: denominator === 0 ? null : (numerator / denominator) * scale, numerator, denominator })
const amount = (value: number): MetricValue => ({ value, numerator: value, denominator: null })
// Money adds up in fen, as exact integers, and is told in yuan.
const fen = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100)

/** A region's subtree: GB/T 2260 codes nest, so a province or city code names its subtree by its leading digits. */
export function inSubtree(regionCode: string, code: string): boolean {
  if (regionCode.endsWith('0000')) return code.startsWith(regionCode.slice(0, 2))
  if (regionCode.endsWith('00')) return code.startsWith(regionCode.slice(0, 4))
  return code.startsWith(regionCode)
}

/** The records of one region's subtree and what it takes to ask about a range of days. */
class Scope {
  constructor(
    readonly oracle: CatalogueOracle,
    readonly regionCode: string,
    readonly range: LocalRange,
  ) {}

  within(instant: string | Date): boolean {
    const day = localDayOf(new Date(instant), this.oracle.timeZone)
    return day >= this.range.from && day <= this.range.to
  }

  of<R extends IngestRecord>(records: readonly R[]): R[] {
    return records.filter((record) => inSubtree(this.regionCode, record.regionCode))
  }

  inspections(when: (inspection: InspectionRecord) => boolean): number {
    return this.of(this.oracle.inspections).filter((inspection) => this.within(inspection.occurredAt) && when(inspection)).length
  }

  foodSampled(measure: (sampling: FoodSamplingRecord) => number): number {
    return this.of(this.oracle.foodSamplings).reduce((sum, sampling) => sum + (this.within(sampling.occurredAt) ? measure(sampling) : 0), 0)
  }

  /** complaints accepted within the range */
  accepted(): number {
    return this.oracle.complaints.filter(({ life, acceptedAt }) => inSubtree(this.regionCode, life.latest.regionCode) && acceptedAt !== null && this.within(acceptedAt)).length
  }

  /** mediations concluded within the range (agreed or ended without agreement), and those of them agreed */
  mediations(): MetricValue {
    const concluded = this.oracle.complaints
      .filter(({ life }) => inSubtree(this.regionCode, life.latest.regionCode))
      .map(({ life }) => life.reached.find((step) => step.status === 'mediated' || step.status === 'mediation_ended'))
      .filter((end) => end !== undefined && this.within(end.at))
    return rate(concluded.filter((end) => end?.status === 'mediated').length, concluded.length)
  }

  casesOpened(when: (enforcementCase: CaseRecord) => boolean): number {
    return this.oracle.cases.filter(({ life }) => inSubtree(this.regionCode, life.latest.regionCode) && this.within(life.latest.openedAt) && when(life.latest)).length
  }

  finesAndConfiscationsFen(): number {
    const decided = this.oracle.cases.filter(({ life, decidedAt }) => inSubtree(this.regionCode, life.latest.regionCode) && decidedAt !== null && this.within(decidedAt))
    return decided.reduce((sum, { life }) => sum + fen(life.latest.fineYuan) + fen(life.latest.confiscatedYuan), 0)
  }

  /** limits of a clock due within the range: those met on time, and all of them */
  onTimeRate(clock: StatutoryClock): MetricValue {
    const dueOn = (deadline: Deadline) => deadline.metAt ?? (deadline.endsAt < this.oracle.now ? deadline.endsAt : null)
    const due = this.oracle.deadlines.filter((deadline) => {
      const day = dueOn(deadline)
      return deadline.clock === clock && inSubtree(this.regionCode, deadline.regionCode) && day !== null && this.within(day)
    })
    return rate(due.filter((deadline) => deadline.metAt !== null && deadline.metAt <= deadline.endsAt).length, due.length)
  }
}

type Reading = (scope: Scope, reference: RegionReference) => MetricValue

/** Each catalogue metric as docs/domain.md's formula reads it. */
const READINGS: Record<MetricKey, Reading> = {
  // Inspections, not distinct entities: shared/metrics.ts's note reads docs/domain.md's "entities inspected" so.
  random_inspection_ratio: (s, reference) => rate(s.inspections((i) => i.kind === 'random' || i.kind === 'joint'), reference.marketEntities),
  // Kinds are exclusive in the records, so 'random' here means single-department random inspections. Open
  // question: a share (占比) of random inspections would divide by random + joint; the catalogue does not say.
  joint_inspection_share: (s) => rate(s.inspections((i) => i.kind === 'joint'), s.inspections((i) => i.kind === 'random')),
  inspection_problem_rate: (s) => rate(s.inspections((i) => i.result === 'problems'), s.inspections(() => true)),
  food_tests_per_thousand: (s, reference) => rate(s.foodSampled((f) => f.batches), reference.population / 1000, 1),
  food_pass_rate: (s) => rate(s.foodSampled((f) => f.batches - f.failed), s.foodSampled((f) => f.batches)),
  // Equipment in use is what special-equipment inspections find; each says whether it is registered.
  special_equipment_registration: (s) => rate(s.inspections((i) => i.kind === 'special_equipment' && i.equipmentRegistered === true), s.inspections((i) => i.kind === 'special_equipment')),
  special_equipment_inspected_on_time: (s) => rate(s.inspections((i) => i.statutoryInspectionOnTime === true), s.inspections((i) => i.statutoryInspectionOnTime !== undefined)),
  serious_hazard_fixed: (s) => rate(s.inspections((i) => i.seriousHazard === true && i.hazardFixedAt !== undefined), s.inspections((i) => i.seriousHazard === true)),
  complaints_received: (s) => amount(Object.values(s.oracle.intake(s.regionCode, s.range).byType).reduce((sum, count) => sum + count, 0)),
  complaint_acceptance_on_time: (s) => s.onTimeRate('complaint_acceptance'),
  complaint_closed_on_time: (s) => s.onTimeRate('complaint_closure'),
  report_checked_on_time: (s) => s.onTimeRate('report_check'),
  mediation_success_rate: (s) => s.mediations(),
  complaint_to_case_rate: (s) => rate(s.casesOpened((c) => c.sourceComplaintId !== undefined), s.accepted()),
  recovered_loss: (s) =>
    amount(s.oracle.complaints.reduce((sum, { life, closedAt }) => sum + (inSubtree(s.regionCode, life.latest.regionCode) && closedAt !== null && s.within(closedAt) ? fen(life.latest.recoveredYuan) : 0), 0) / 100),
  overdue_open: (s) => amount(Object.values(s.oracle.overdueByClock(s.regionCode)).reduce((sum, count) => sum + count, 0)),
  cases_opened: (s) => amount(s.casesOpened(() => true)),
  fines_confiscations: (s) => amount(s.finesAndConfiscationsFen() / 100),
  case_decided_on_time: (s) => s.onTimeRate('case_decision'),
  // Campaign figures exist only for a campaign period, which the oracle is not asked about.
  campaign_progress: () => NO_FIGURES,
  campaign_schedule: () => NO_FIGURES,
  // The oracle's record streams dispatch no follow-up tasks (test/server/tasks counts them).
  tasks_overdue: () => amount(0),
}

/** Metrics that are a state of now rather than a count over days. */
export const STATE_METRICS: readonly MetricKey[] = ['overdue_open', 'tasks_overdue']

interface ComplaintFacts {
  life: Lifecycle<ComplaintRecord>
  acceptedAt: Date | null
  closedAt: Date | null
}

interface CaseFacts {
  life: Lifecycle<CaseRecord>
  decidedAt: Date | null
}

export class CatalogueOracle {
  readonly inspections: InspectionRecord[] = []
  readonly foodSamplings: FoodSamplingRecord[] = []
  readonly intakeRecords: (ComplaintRecord | ReportRecord)[] = []
  readonly complaints: ComplaintFacts[] = []
  readonly cases: CaseFacts[] = []
  readonly deadlines: Deadline[] = []

  /** `sent`: every version in the order sent; `now` pins the instant the figures are of: what has ended, and what is open past its limit. */
  constructor(
    sent: readonly IngestRecord[],
    readonly timeZone: string,
    readonly now: Date,
    lateSteps: LateSteps = 'kept',
  ) {
    const seen = new Set<string>()
    for (const record of sent) {
      // Inspections and samplings have no lifecycle: a version sent again is the same record.
      if (record.type !== 'inspection' && record.type !== 'food_sampling') continue
      if (seen.has(`${record.type}/${record.id}`)) continue
      seen.add(`${record.type}/${record.id}`)
      if (record.type === 'inspection') this.inspections.push(record)
      else this.foodSamplings.push(record)
    }
    for (const life of lifecyclesOf(sent, lateSteps)) this.#addLifecycle(life)
  }

  #addLifecycle(life: Lifecycle): void {
    this.deadlines.push(...deadlinesOf(life, this.timeZone))
    const latest: LifecycleRecord = life.latest
    if (latest.type === 'case') {
      const enforcementCase = life as Lifecycle<CaseRecord>
      this.cases.push({ life: enforcementCase, decidedAt: caseDecidedAt(enforcementCase) })
      return
    }
    this.intakeRecords.push(latest)
    if (latest.type === 'complaint') {
      const complaint = life as Lifecycle<ComplaintRecord>
      this.complaints.push({ life: complaint, acceptedAt: complaintAcceptedAt(complaint), closedAt: complaintClosedAt(complaint) })
    }
  }

  /** The local day `now` falls on. */
  get today(): string {
    return localDayOf(this.now, this.timeZone)
  }

  figures(key: MetricKey, regionCode: string, range: LocalRange, reference: RegionReference): MetricValue {
    return READINGS[key](new Scope(this, regionCode, range), reference)
  }

  /** 12315 intake (complaints and reports) received within the range, by type, channel and category. */
  intake(regionCode: string, range: LocalRange): IntakeCounts {
    const scope = new Scope(this, regionCode, range)
    const counts: IntakeCounts = { byType: {}, byChannel: {}, byCategory: {} }
    for (const record of scope.of(this.intakeRecords)) {
      if (!scope.within(record.receivedAt)) continue
      for (const [breakdown, key] of [['byType', record.type], ['byChannel', record.channel], ['byCategory', record.category]] as const) counts[breakdown][key] = (counts[breakdown][key] ?? 0) + 1
    }
    return counts
  }

  /** Open items whose limit ended before `now`, under the region, by clock (every clock listed). */
  overdueByClock(regionCode: string): Record<StatutoryClock, number> {
    const counts = Object.fromEntries(STATUTORY_CLOCKS.map((clock) => [clock, 0])) as Record<StatutoryClock, number>
    for (const deadline of this.deadlines) if (deadline.metAt === null && deadline.endsAt < this.now && inSubtree(regionCode, deadline.regionCode)) counts[deadline.clock] += 1
    return counts
  }

  /** Whether figures read until `readUntil` still describe `now`: no open limit ended and no local day began in between. */
  stillCurrentAt(readUntil: Date): boolean {
    const ended = this.deadlines.some((deadline) => deadline.metAt === null && deadline.endsAt >= this.now && deadline.endsAt <= readUntil)
    return !ended && localDayOf(readUntil, this.timeZone) === this.today
  }
}
