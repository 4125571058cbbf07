// Statutory deadlines read from the lifecycles of docs/domain.md, for the catalogue oracle: written
// apart from server/ so that a wrong rule there cannot agree with itself here. Only the
// official calendar (holidays and adjusted working weekends) is shared, as reference data.
import chineseDays from 'chinese-days'
import type { CaseRecord, ComplaintRecord, IngestRecord, LifecycleRecord, ReportRecord } from '../../shared/records'
import { localDayOf, plusDays, startOfLocalDay } from './local-days'

export const STATUTORY_CLOCKS = ['complaint_acceptance', 'complaint_closure', 'report_check', 'case_decision'] as const
export type StatutoryClock = (typeof STATUTORY_CLOCKS)[number]

/** One statutory time limit of one record. */
export interface Deadline {
  clock: StatutoryClock
  regionCode: string
  /** the last instant that is still on time: the end of the limit's last local day */
  endsAt: Date
  /** when the step the limit asks for was taken; null while it is still to come */
  metAt: Date | null
}

/** A lifecycle record as its source sent it: the latest version, and when each status was first reached. */
export interface Lifecycle<R extends LifecycleRecord = LifecycleRecord> {
  latest: R
  reached: { status: R['status']; at: Date }[]
}

/**
 * How to read a step that arrives after a later step of its record. 'kept': it happened
 * when its source says (the catalogue's reading). 'dropped': as if never sent, which is what
 * ingest does today (a known defect, see test/server/metrics/catalogue-oracle.test.ts).
 */
export type LateSteps = 'kept' | 'dropped'

/** Groups versions, in the order sent, by record id; a status counts from its earliest version, the latest version wins. */
export function lifecyclesOf(sent: readonly IngestRecord[], lateSteps: LateSteps): Lifecycle[] {
  const byId = new Map<string, LifecycleRecord[]>()
  for (const record of sent) {
    if (record.type !== 'complaint' && record.type !== 'report' && record.type !== 'case') continue
    const key = `${record.type}/${record.id}`
    const versions = byId.get(key) ?? []
    const latestAt = Math.max(...versions.map((version) => Date.parse(version.statusAt)))
    if (lateSteps === 'dropped' && Date.parse(record.statusAt) < latestAt) continue
    byId.set(key, [...versions, record])
  }
  return [...byId.values()].map((versions) => {
    const inOrder = [...versions].sort((a, b) => Date.parse(a.statusAt) - Date.parse(b.statusAt))
    const reached: Lifecycle['reached'] = []
    for (const version of inOrder) if (!reached.some((step) => step.status === version.status)) reached.push({ status: version.status, at: new Date(version.statusAt) })
    return { latest: inOrder.at(-1)!, reached }
  })
}

// A complaint is decided by accepting or refusing it; mediation or a case imply it was accepted.
const ACCEPTED: readonly ComplaintRecord['status'][] = ['accepted', 'mediating', 'mediated', 'mediation_ended', 'to_case']
const COMPLAINT_CLOSED: readonly ComplaintRecord['status'][] = ['mediated', 'mediation_ended', 'withdrawn', 'to_case']
const REPORT_CHECKED: readonly ReportRecord['status'][] = ['case_opened', 'not_opened']
// Transfer to the police is one of the decisions that end a case's handling (市场监督管理行政处罚程序规定).
const CASE_DECIDED: readonly CaseRecord['status'][] = ['decided', 'closed', 'transferred']

const firstReached = <R extends LifecycleRecord>(life: Lifecycle<R>, statuses: readonly R['status'][]): Date | null =>
  life.reached.find((step) => statuses.includes(step.status))?.at ?? null

/** When a case was decided: fined, cleared or transferred; null while not yet. */
export const caseDecidedAt = (life: Lifecycle<CaseRecord>): Date | null => firstReached(life, CASE_DECIDED)

/** When a complaint was accepted and when it closed (mediated, mediation ended, withdrawn or made a case); null while not yet. */
export const complaintAcceptedAt = (life: Lifecycle<ComplaintRecord>): Date | null => firstReached(life, ACCEPTED)
export const complaintClosedAt = (life: Lifecycle<ComplaintRecord>): Date | null => firstReached(life, COMPLAINT_CLOSED)

/**
 * The time limits docs/domain.md sets for a record. Readings where the handbook is silent:
 * a limit counts from the day after its start (that day is not counted) and ends with its
 * last local day; a complaint's closure limit is mediation's 45 WD from acceptance.
 */
export function deadlinesOf(life: Lifecycle, timeZone: string): Deadline[] {
  const ending = (start: string, lastDay: (startDay: string) => string) => new Date(startOfLocalDay(plusDays(lastDay(localDayOf(new Date(start), timeZone)), 1), timeZone).getTime() - 1)
  const workingDays = (count: number) => (startDay: string) => afterWorkingDays(startDay, count)
  const calendarDays = (count: number) => (startDay: string) => plusDays(startDay, count)
  const { latest } = life
  const deadline = (clock: StatutoryClock, endsAt: Date, metAt: Date | null): Deadline => ({ clock, regionCode: latest.regionCode, endsAt, metAt })
  switch (latest.type) {
    case 'complaint': {
      const complaint = life as Lifecycle<ComplaintRecord>
      const decision = complaint.reached.find((step) => step.status !== 'received')
      if (decision?.status === 'withdrawn') throw new Error(`complaint ${latest.id} was withdrawn before a decision: the handbook gives no reading for its acceptance limit`)
      const deadlines = [deadline('complaint_acceptance', ending(latest.receivedAt, workingDays(7)), decision?.at ?? null)]
      const acceptedAt = complaintAcceptedAt(complaint)
      if (acceptedAt !== null) deadlines.push(deadline('complaint_closure', ending(acceptedAt.toISOString(), workingDays(45)), complaintClosedAt(complaint)))
      return deadlines
    }
    case 'report':
      return [deadline('report_check', ending(latest.receivedAt, workingDays(latest.extended === true ? 30 : 15)), firstReached(life as Lifecycle<ReportRecord>, REPORT_CHECKED))]
    case 'case':
      return [deadline('case_decision', ending(latest.openedAt, calendarDays(latest.extended === true ? 120 : 90)), caseDecidedAt(life as Lifecycle<CaseRecord>))]
  }
}

/** The local day `count` working days after `day`, by China's official calendar. */
export function afterWorkingDays(day: string, count: number): string {
  let current = day
  for (let left = count; left > 0; ) {
    current = plusDays(current, 1)
    if (chineseDays.isWorkday(current)) left -= 1
  }
  return current
}
