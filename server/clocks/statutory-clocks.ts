// The statutory clocks a record runs: when each starts, falls due and is met. A new kind
// of clock is an addition: its name in CLOCK_NAMES (which gives it counters, a place in
// the overdue breakdown and the sweep) and a rule that states its clocks; open ones are
// stored by `openClockRowsOf` whatever they belong to.
import type { CaseRecord, ComplaintRecord, IngestRecord, ReportRecord } from '../../shared/records'
import { DEADLINE_RULES, afterCalendarDays, afterWorkingDays } from './statutory-deadlines'

export const CLOCK_NAMES = ['complaint_acceptance', 'complaint_closure', 'report_check', 'case_decision'] as const
export type ClockName = (typeof CLOCK_NAMES)[number]

export interface ClockCounters {
  /** counts on the due day once the clock is met or its deadline has passed */
  due: string
  /** counts when met by the deadline */
  onTime: string
  /** a state: open items past their deadline, on their due day; left when the item is met */
  overdueOpen: string
}

/** The counters each kind of clock keeps, named once: ingest asks for them millions of times. */
export const CLOCK_COUNTERS = Object.fromEntries(
  CLOCK_NAMES.map((clock) => [clock, { due: `clock.${clock}.due`, onTime: `clock.${clock}.on_time`, overdueOpen: `clock.${clock}.overdue_open` }]),
) as Record<ClockName, ClockCounters>

export interface StatusStep {
  status: string
  statusAt: Date
}

export interface StatutoryClock {
  clock: ClockName
  startsAt: Date
  dueAt: Date
  doneAt: Date | null
}

/** Complaint statuses from which it counts as accepted. */
export const COMPLAINT_ACCEPTED: ReadonlySet<string> = new Set(['accepted', 'mediating', 'mediated', 'mediation_ended', 'to_case'])
/** Complaint statuses that conclude a mediation: agreed, or ended without agreement. */
export const MEDIATION_CONCLUDED: ReadonlySet<string> = new Set(['mediated', 'mediation_ended'])
/** Complaint statuses that close it. */
export const COMPLAINT_CLOSED: ReadonlySet<string> = new Set(['mediated', 'mediation_ended', 'withdrawn', 'to_case'])
const REPORT_CHECKED: ReadonlySet<string> = new Set(['case_opened', 'not_opened'])
/** Case statuses that end its decision clock. */
export const CASE_DECIDED: ReadonlySet<string> = new Set(['decided', 'closed', 'transferred'])

export const firstStep = (history: readonly StatusStep[], statuses: ReadonlySet<string>): StatusStep | undefined => history.find((step) => statuses.has(step.status))

/** The statutory clocks a lifecycle record runs, with when each was met (null while open). */
export function clocksOf(record: IngestRecord, history: readonly StatusStep[], timeZone: string): StatutoryClock[] {
  switch (record.type) {
    case 'complaint':
      return complaintClocks(record, history, timeZone)
    case 'report':
      return [reportClock(record, history, timeZone)]
    case 'case':
      return [caseClock(record, history, timeZone)]
    default:
      return []
  }
}

function complaintClocks(record: ComplaintRecord, history: readonly StatusStep[], timeZone: string): StatutoryClock[] {
  const receivedAt = new Date(record.receivedAt)
  const decision = history.find((step) => step.status !== 'received')
  const clocks: StatutoryClock[] = [
    {
      clock: 'complaint_acceptance',
      startsAt: receivedAt,
      dueAt: afterWorkingDays(receivedAt, DEADLINE_RULES.complaintAcceptanceWorkingDays, timeZone),
      doneAt: decision?.statusAt ?? null,
    },
  ]
  const acceptance = firstStep(history, COMPLAINT_ACCEPTED)
  if (acceptance !== undefined) {
    clocks.push({
      clock: 'complaint_closure',
      startsAt: acceptance.statusAt,
      dueAt: afterWorkingDays(acceptance.statusAt, DEADLINE_RULES.complaintMediationWorkingDays, timeZone),
      doneAt: firstStep(history, COMPLAINT_CLOSED)?.statusAt ?? null,
    })
  }
  return clocks
}

function reportClock(record: ReportRecord, history: readonly StatusStep[], timeZone: string): StatutoryClock {
  const receivedAt = new Date(record.receivedAt)
  const workingDays = record.extended === true ? DEADLINE_RULES.reportCheckExtendedWorkingDays : DEADLINE_RULES.reportCheckWorkingDays
  return { clock: 'report_check', startsAt: receivedAt, dueAt: afterWorkingDays(receivedAt, workingDays, timeZone), doneAt: firstStep(history, REPORT_CHECKED)?.statusAt ?? null }
}

function caseClock(record: CaseRecord, history: readonly StatusStep[], timeZone: string): StatutoryClock {
  const openedAt = new Date(record.openedAt)
  const days = record.extended === true ? DEADLINE_RULES.caseDecisionExtendedDays : DEADLINE_RULES.caseDecisionDays
  return { clock: 'case_decision', startsAt: openedAt, dueAt: afterCalendarDays(openedAt, days, timeZone), doneAt: firstStep(history, CASE_DECIDED)?.statusAt ?? null }
}
