// Command centres run on China Standard Time whatever zone the server's clock is in;
// times shown and days counted use the configured zone.

export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en', { timeZone }) // throws RangeError for an unknown zone
}

/** ISO 8601 with the zone's offset at that instant: 2026-11-23T20:15:00.000+08:00. */
export function isoInTimeZone(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  )
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '')
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0')
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}${offset}`
}

const localDateFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar day ('YYYY-MM-DD') an instant falls on in the zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  let format = localDateFormats.get(timeZone)
  if (format === undefined) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    localDateFormats.set(timeZone, format)
  }
  return format.format(instant)
}

/** The last millisecond of a local calendar day: deadlines run to the end of their day. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1)
  // The zone's offset near that midnight (exact for zones without a change on that night).
  const offsetMs = Date.parse(isoInTimeZone(new Date(nextMidnightUtc), timeZone).slice(0, 23) + 'Z') - nextMidnightUtc
  return new Date(nextMidnightUtc - offsetMs - 1)
}

/** 'YYYY-MM-DD' plus whole calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}
