// Local days of the command centre's time zone, for checks that must not borrow the
// server's own date code.

export interface LocalRange {
  /** first local day, inclusive */
  from: string
  /** last local day, inclusive */
  to: string
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

export function localDayOf(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone)
  // en-CA writes dates as YYYY-MM-DD.
  if (format === undefined) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  return format.format(instant)
}

/** The first instant of a local day: midnight there, found by stepping back from UTC midnight by the zone's offset. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  let instant = utcMidnight
  // Twice, so that an offset that changes around that midnight settles.
  for (let pass = 0; pass < 2; pass++) instant = utcMidnight - offsetAt(new Date(instant), timeZone)
  return new Date(instant)
}

function offsetAt(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  )
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return wallClock - Math.floor(instant.getTime() / 1000) * 1000
}

export function plusDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10)
}

/** The same local day a year earlier; 29 February has none and becomes the 28th. */
export function aYearEarlier(day: string): string {
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5)
  return `${String(Number(day.slice(0, 4)) - 1).padStart(4, '0')}-${monthDay}`
}

export function daysIn(range: LocalRange): string[] {
  const days: string[] = []
  for (let day = range.from; day <= range.to; day = plusDays(day, 1)) days.push(day)
  return days
}
