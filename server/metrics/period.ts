// Turns the `period` query into local calendar days. Days are days of the command
// centre's zone, so "today" is decided by the caller from now and that zone.
import { addCalendarDays } from '../time/zoned-time'

export interface DateRange {
  /** first local day, YYYY-MM-DD, inclusive */
  from: string
  /** last local day, inclusive */
  to: string
}

export type PeriodSpec =
  | { kind: 'relative'; name: 'today' | '7d' | '30d' | 'ytd' }
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'range'; range: DateRange }

export class PeriodError extends Error {}

const MAX_YEARS = 3
/** Market-regulation records are of this century; a year outside it is a typing slip. */
const YEARS = { first: 2000, last: 2099 }
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const CAMPAIGN = /^campaign:([\x21-\x7E]{1,64})$/

const isLocalDate = (text: string): boolean => {
  const match = DATE.exec(text)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Reads the period as of `today` (the caller's local day); a campaign's dates are looked up by
 * the caller. A range that starts after today is refused: it cannot have figures yet.
 */
export function parsePeriod(text: string, today: string): PeriodSpec {
  if (text === 'today' || text === '7d' || text === '30d' || text === 'ytd') return { kind: 'relative', name: text }
  const campaign = CAMPAIGN.exec(text)
  if (campaign !== null) return { kind: 'campaign', campaignId: campaign[1] as string }
  const parts = text.split('..')
  if (parts.length === 2) {
    const [from, to] = parts as [string, string]
    for (const date of [from, to]) {
      if (!isLocalDate(date)) throw new PeriodError(`"${date}" is not a calendar date YYYY-MM-DD`)
      const year = Number(date.slice(0, 4))
      if (year < YEARS.first || year > YEARS.last) throw new PeriodError(`"${date}" is not in a year from ${YEARS.first} to ${YEARS.last}`)
    }
    const days = daysBetween(from, to) + 1
    if (days < 1) throw new PeriodError(`starts (${from}) after it ends (${to})`)
    if (daysBetween(today, from) > 0) throw new PeriodError(`starts after today (${today}), so it has no figures yet (${from}..${to})`)
    if (days > daysBetween(from, shiftYears(from, MAX_YEARS))) throw new PeriodError(`spans more than ${MAX_YEARS} years (${from}..${to}: ${days} days)`)
    return { kind: 'range', range: { from, to } }
  }
  throw new PeriodError(`"${text}" is not a period: use today, 7d, 30d, ytd, campaign:<id> or YYYY-MM-DD..YYYY-MM-DD`)
}

/** Local days of a relative period ending today. */
export function relativeRange(name: 'today' | '7d' | '30d' | 'ytd', today: string): DateRange {
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

export function shiftYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years
  const monthDay = date.slice(5)
  const candidate = `${String(year).padStart(4, '0')}-${monthDay}`
  return isLocalDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`
}

/** Whole days from one local day to another (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** Every local day of a range, in order. */
export function daysOf(range: DateRange): string[] {
  const days: string[] = []
  for (let day = range.from; day <= range.to; day = addCalendarDays(day, 1)) days.push(day)
  return days
}
