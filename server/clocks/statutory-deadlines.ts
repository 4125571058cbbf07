// Statutory deadlines of docs/domain.md. Working days follow China's official calendar
// (holidays and adjusted working weekends) from the chinese-days package.
import chineseDays from 'chinese-days'
import { addCalendarDays, endOfLocalDay, localDateOf } from '../time/zoned-time'

export const DEADLINE_RULES = {
  /** a complaint is accepted or refused within 7 working days of receipt */
  complaintAcceptanceWorkingDays: 7,
  /** mediation ends if there is no agreement within 45 working days of acceptance */
  complaintMediationWorkingDays: 45,
  /** a report is checked within 15 working days, 30 with an approved extension */
  reportCheckWorkingDays: 15,
  reportCheckExtendedWorkingDays: 30,
  /** a case is decided within 90 days of opening, 120 with an approved extension */
  caseDecisionDays: 90,
  caseDecisionExtendedDays: 120,
} as const

// Few distinct start days occur, and walking the holiday calendar is slow: remember each answer.
const workingDayDeadlines = new Map<string, Date>()

/** End of the n-th working day after the local day of `start`. */
export function afterWorkingDays(start: Date, workingDays: number, timeZone: string): Date {
  const day = localDateOf(start, timeZone)
  const key = `${timeZone}|${day}|${workingDays}`
  let due = workingDayDeadlines.get(key)
  if (due === undefined) {
    due = endOfLocalDay(chineseDays.findWorkday(workingDays, day), timeZone)
    if (workingDayDeadlines.size > 100_000) workingDayDeadlines.clear()
    workingDayDeadlines.set(key, due)
  }
  return new Date(due)
}

/** End of the local day n calendar days after the local day of `start`. */
export function afterCalendarDays(start: Date, days: number, timeZone: string): Date {
  return endOfLocalDay(addCalendarDays(localDateOf(start, timeZone), days), timeZone)
}
