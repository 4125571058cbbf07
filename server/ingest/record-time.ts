// Times and dates in records are checked field by field, not with Date.parse:
// V8 quietly rolls 2026-02-30 over to March 2 and 24:00 over to the next day.

const OFFSET_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|([+-])(\d{2}):(\d{2}))$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** Milliseconds since the epoch, or null when the text is not a real instant with an explicit offset. */
export function parseOffsetTime(text: string): number | null {
  const match = OFFSET_TIME.exec(text)
  if (match === null) return null
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zone, sign, offsetHours = '0', offsetMinutes = '0'] = match
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number]
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) return null
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3))
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes))
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000
}
