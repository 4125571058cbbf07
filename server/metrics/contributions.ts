// What one record adds to the counters, as a pure function of the record, its
// lifecycle history and the sweep watermark. Ingest applies the difference
// between a record's contributions before and after a change, so the counters
// always equal the sum of the contributions of the stored records.
import type { ComplaintRecord, IngestRecord } from '../../shared/records'
import { CASE_DECIDED, COMPLAINT_ACCEPTED, COMPLAINT_CLOSED, MEDIATION_CONCLUDED, type StatusStep, type StatutoryClock, clocksOf, firstStep } from '../clocks/statutory-clocks'
import { localDateOf } from '../time/zoned-time'
import { COUNTER } from './counter-keys'
import type { IncrementSink } from '../counters/counter-store'

export interface CounterIncrement {
  metric: string
  /** local calendar day, YYYY-MM-DD */
  day: string
  amount: number
}

/** Counter increments of a record at its own region, as a list (see `addContributions`). */
export function contributionsOf(
  record: IngestRecord,
  history: readonly StatusStep[],
  sweptUntil: Date,
  timeZone: string,
  clocks: readonly StatutoryClock[] = clocksOf(record, history, timeZone),
): CounterIncrement[] {
  const increments: CounterIncrement[] = []
  addContributions(record, history, sweptUntil, timeZone, clocks, (metric, day, amount) => increments.push({ metric, day, amount }))
  return increments
}

/**
 * Counter increments of a record at its own region, handed to `sink`. A clock counts
 * as due once it is met (on the day it was met) or once its deadline has passed by
 * `sweptUntil` (on the due day); it counts as on time when met by the deadline.
 */
export function addContributions(
  record: IngestRecord,
  history: readonly StatusStep[],
  sweptUntil: Date,
  timeZone: string,
  clocks: readonly StatutoryClock[],
  sink: IncrementSink,
): void {
  const increments = new DatedIncrements(timeZone, sink)
  for (const clock of clocks) {
    if (clock.doneAt !== null) {
      increments.add(COUNTER.clockDue(clock.clock), clock.doneAt)
      if (clock.doneAt <= clock.dueAt) increments.add(COUNTER.clockOnTime(clock.clock), clock.doneAt)
    } else if (clock.dueAt <= sweptUntil) {
      increments.add(COUNTER.clockDue(clock.clock), clock.dueAt)
      increments.add(COUNTER.clockOverdueOpen(clock.clock), clock.dueAt)
    }
  }

  switch (record.type) {
    case 'inspection': {
      const at = record.occurredAt
      increments.add(COUNTER.inspections, at)
      increments.add(COUNTER.inspectionsByKind(record.kind), at)
      increments.add(COUNTER.inspectionsByDomain(record.domain), at)
      if (record.result === 'problems') increments.add(COUNTER.inspectionsWithProblems, at)
      if (record.result === 'not_found') increments.add(COUNTER.inspectionsNotFound, at)
      if (record.kind === 'special_equipment') {
        increments.add(COUNTER.specialEquipmentInspected, at)
        if (record.equipmentRegistered === true) increments.add(COUNTER.specialEquipmentRegistered, at)
        if (record.statutoryInspectionOnTime !== undefined) {
          increments.add(COUNTER.statutoryInspectionsDue, at)
          if (record.statutoryInspectionOnTime) increments.add(COUNTER.statutoryInspectionsOnTime, at)
        }
      }
      if (record.seriousHazard === true) {
        increments.add(COUNTER.seriousHazardsFound, at)
        if (record.hazardFixedAt !== undefined) increments.add(COUNTER.seriousHazardsFixed, at)
      }
      if (record.campaignId !== undefined) increments.add(COUNTER.campaignInspections(record.campaignId), at)
      break
    }
    case 'food_sampling':
      increments.add(COUNTER.foodBatches, record.occurredAt, record.batches)
      increments.add(COUNTER.foodBatchesFailed, record.occurredAt, record.failed)
      break
    case 'complaint':
    case 'report': {
      const at = record.receivedAt
      increments.add(COUNTER.intakeReceived, at)
      increments.add(COUNTER.intakeByType(record.type), at)
      increments.add(COUNTER.intakeByChannel(record.channel), at)
      increments.add(COUNTER.intakeByCategory(record.category), at)
      if (record.type === 'complaint') addComplaintOutcomes(record, history, increments)
      break
    }
    case 'case': {
      increments.add(COUNTER.casesOpened, record.openedAt)
      increments.add(COUNTER.casesByDomain(record.domain), record.openedAt)
      if (record.major === true) increments.add(COUNTER.casesMajor, record.openedAt)
      if (record.sourceComplaintId !== undefined) increments.add(COUNTER.casesFromComplaints, record.openedAt)
      const transfer = history.find((step) => step.status === 'transferred')
      if (transfer !== undefined) increments.add(COUNTER.casesTransferred, transfer.statusAt)
      const decision = firstStep(history, CASE_DECIDED)
      const finesFen = toFen((record.fineYuan ?? 0) + (record.confiscatedYuan ?? 0))
      // Fines and confiscations count when decided, as statistics of 罚没金额 do.
      if (decision !== undefined) increments.add(COUNTER.finesConfiscationsFen, decision.statusAt, finesFen)
      if (record.campaignId !== undefined) {
        increments.add(COUNTER.campaignCases(record.campaignId), record.openedAt)
        if (decision !== undefined) increments.add(COUNTER.campaignFinesFen(record.campaignId), decision.statusAt, finesFen)
      }
      break
    }
    case 'campaign':
      break
  }
}

/** Hands increments to a sink with the local day of their instant. A class, not a closure per record: the hot path allocates less. */
class DatedIncrements {
  // Most increments of a record fall at one instant: its day is worked out once.
  #lastAt: Date | string | undefined
  #lastDay = ''

  constructor(
    private readonly timeZone: string,
    private readonly sink: IncrementSink,
  ) {}

  add(metric: string, at: Date | string, amount = 1): void {
    if (amount === 0) return
    if (at !== this.#lastAt) {
      this.#lastAt = at
      this.#lastDay = localDateOf(typeof at === 'string' ? new Date(at) : at, this.timeZone)
    }
    this.sink(metric, this.#lastDay, amount)
  }
}

function addComplaintOutcomes(record: ComplaintRecord, history: readonly StatusStep[], increments: DatedIncrements): void {
  const acceptance = firstStep(history, COMPLAINT_ACCEPTED)
  if (acceptance === undefined) return
  increments.add(COUNTER.complaintsAccepted, acceptance.statusAt)
  // 'mediated' is final and 'mediation_ended' leads only to a case, so the first of them is the outcome.
  const mediationEnd = firstStep(history, MEDIATION_CONCLUDED)
  if (mediationEnd !== undefined) increments.add(mediationEnd.status === 'mediated' ? COUNTER.mediationsSucceeded : COUNTER.mediationsFailed, mediationEnd.statusAt)
  const closure = firstStep(history, COMPLAINT_CLOSED)
  if (closure !== undefined && record.recoveredYuan !== undefined) increments.add(COUNTER.recoveredLossFen, closure.statusAt, toFen(record.recoveredYuan))
}

/** Yuan with at most two decimals to whole fen, without binary-fraction drift. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100)
}
