// Turns the `period` query into local calendar days. Days are days of the command
// centre's zone, so "today" is decided by the caller from now and that zone.
import { type DateRange, MAX_PERIOD_YEARS, type NamedPeriod, PERIOD_YEARS, type PeriodFault, type PeriodSpec, readPeriod, shiftYears } from '../../shared/period'
import { addCalendarDays } from '../time/zoned-time'

export class PeriodError extends Error {}

/**
 * Reads the period as of `today` (the caller's local day); a campaign's dates are looked up by
 * the caller. A range that starts after today is refused: it cannot have figures yet.
 */
export function parsePeriod(text: string, today: string): PeriodSpec {
  const reading = readPeriod(text, today)
  if (!reading.ok) throw new PeriodError(faultMessage(text, reading.fault))
  return reading.spec
}

function faultMessage(text: string, fault: PeriodFault): string {
  switch (fault.kind) {
    case 'unknown':
      return `"${text}" is not a period: use today, 7d, 30d, ytd, campaign:<id> or YYYY-MM-DD..YYYY-MM-DD`
    case 'not_a_date':
      return `"${fault.date}" is not a calendar date YYYY-MM-DD`
    case 'year_out_of_range':
      return `"${fault.date}" is not in a year from ${PERIOD_YEARS.first} to ${PERIOD_YEARS.last}`
    case 'reversed':
      return `starts (${fault.range.from}) after it ends (${fault.range.to})`
    case 'starts_after_today':
      return `starts after today (${fault.today}), so it has no figures yet (${fault.range.from}..${fault.range.to})`
    case 'too_long':
      return `spans more than ${MAX_PERIOD_YEARS} years (${fault.range.from}..${fault.range.to}: ${fault.days} days)`
  }
}

/** Local days of a relative period ending today. */
export function relativeRange(name: NamedPeriod, today: string): DateRange {
  switch (name) {
    case 'today':
      return { from: today, to: today }
    case '7d':
      return { from: addCalendarDays(today, -6), to: today }
    case '30d':
      return { from: addCalendarDays(today, -29), to: today }
    case 'ytd':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
  }
}

/** The same days a year earlier; 29 February becomes the 28th. */
export function previousYear(range: DateRange): DateRange {
  return { from: shiftYears(range.from, -1), to: shiftYears(range.to, -1) }
}

/** Every local day of a range, in order. */
export function daysOf(range: DateRange): string[] {
  const days: string[] = []
  for (let day = range.from; day <= range.to; day = addCalendarDays(day, 1)) days.push(day)
  return days
}
