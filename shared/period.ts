// The grammar of the `period` that endpoints, live views and wall URLs take, for both sides:
// the server reads it to count days, the wall to refuse a wrong URL before it asks the server.
// No wording here: each side says what is wrong in its own words (and language).

export const NAMED_PERIODS = ['today', '7d', '30d', 'ytd'] as const
export type NamedPeriod = (typeof NAMED_PERIODS)[number]

/** A range may not be longer than this many years. */
export const MAX_PERIOD_YEARS = 3
/** Market-regulation records are of this century; a year outside it is a typing slip. */
export const PERIOD_YEARS = { first: 2000, last: 2099 } as const

export interface DateRange {
  /** first local day, YYYY-MM-DD, inclusive */
  from: string
  /** last local day, inclusive */
  to: string
}

export type PeriodSpec = { kind: 'relative'; name: NamedPeriod } | { kind: 'campaign'; campaignId: string } | { kind: 'range'; range: DateRange }

/** What is wrong with a text that is not a period. */
export type PeriodFault =
  | { kind: 'unknown' }
  | { kind: 'not_a_date'; date: string }
  | { kind: 'year_out_of_range'; date: string }
  | { kind: 'reversed'; range: DateRange }
  | { kind: 'starts_after_today'; range: DateRange; today: string }
  | { kind: 'too_long'; range: DateRange; days: number }

export type PeriodReading = { ok: true; spec: PeriodSpec } | { ok: false; fault: PeriodFault }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const CAMPAIGN = /^campaign:([\x21-\x7E]{1,64})$/

export const isNamedPeriod = (text: string): text is NamedPeriod => (NAMED_PERIODS as readonly string[]).includes(text)

export function isLocalDate(text: string): boolean {
  const match = DATE.exec(text)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Reads a period. Whether a campaign exists is for the server to say. Given `today` (the
 * command centre's local day), a range that starts after it is refused too: it cannot have
 * figures yet. Without it (a wall that does not know the server's day) that is left open.
 */
export function readPeriod(text: string, today?: string): PeriodReading {
  if (isNamedPeriod(text)) return { ok: true, spec: { kind: 'relative', name: text } }
  const campaign = CAMPAIGN.exec(text)
  if (campaign !== null) return { ok: true, spec: { kind: 'campaign', campaignId: campaign[1] as string } }
  const parts = text.split('..')
  if (parts.length !== 2) return { ok: false, fault: { kind: 'unknown' } }
  const [from, to] = parts as [string, string]
  for (const date of [from, to]) {
    if (!isLocalDate(date)) return { ok: false, fault: { kind: 'not_a_date', date } }
    const year = Number(date.slice(0, 4))
    if (year < PERIOD_YEARS.first || year > PERIOD_YEARS.last) return { ok: false, fault: { kind: 'year_out_of_range', date } }
  }
  const range = { from, to }
  const days = daysBetween(from, to) + 1
  if (days < 1) return { ok: false, fault: { kind: 'reversed', range } }
  if (today !== undefined && daysBetween(today, from) > 0) return { ok: false, fault: { kind: 'starts_after_today', range, today } }
  if (days > daysBetween(from, shiftYears(from, MAX_PERIOD_YEARS))) return { ok: false, fault: { kind: 'too_long', range, days } }
  return { ok: true, spec: { kind: 'range', range } }
}

/** The same day `years` later (earlier when negative); 29 February becomes the 28th. */
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
