// Command centres run on China Standard Time whatever zone the server's clock is in;
// times shown and days counted use the configured zone.

export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en', { timeZone }) // throws RangeError for an unknown zone
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
const isoFormats = new Map<string, Intl.DateTimeFormat>()

/** ISO 8601 with the zone's offset at that instant: 2026-11-23T20:15:00.000+08:00. */
export function isoInTimeZone(date: Date, timeZone: string): string {
  const offset = zoneOffsetMs(date, timeZone)
  const minutes = Math.abs(offset) / 60_000
  const sign = offset < 0 ? '-' : '+'
  const zone = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
  return `${new Date(date.getTime() + offset).toISOString().slice(0, 23)}${zone}`
}

/** The same through Intl, which knows the zone's rules: slow, so only for the offsets' cache. */
function intlIsoInTimeZone(date: Date, timeZone: string): string {
  let format = isoFormats.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
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
    isoFormats.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]))
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '')
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0')
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}${offset}`
}

// Zones change their offset at most every quarter hour, on the quarter hour; ingest
// asks for the local day of every record, so offsets are looked up once per quarter.
const QUARTER_HOUR_MS = 15 * 60_000
const offsetsByZone = new Map<string, Map<number, number>>()

/** The zone's offset from UTC at an instant, in milliseconds (+08:00 → 28,800,000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  let offsets = offsetsByZone.get(timeZone)
  if (offsets === undefined) {
    offsets = new Map()
    offsetsByZone.set(timeZone, offsets)
  }
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS)
  let offset = offsets.get(quarter)
  if (offset === undefined) {
    const at = new Date(quarter * QUARTER_HOUR_MS)
    offset = Date.parse(`${intlIsoInTimeZone(at, timeZone).slice(0, 23)}Z`) - at.getTime()
    if (offsets.size > 100_000) offsets.clear()
    offsets.set(quarter, offset)
  }
  return offset
}

const DAY_MS = 86_400_000
const dayNames = new Map<number, string>()

/** The calendar day ('YYYY-MM-DD') an instant falls on in the zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  // Ingest asks this for every counter it moves: name each day once.
  const day = Math.floor((instant.getTime() + zoneOffsetMs(instant, timeZone)) / DAY_MS)
  let name = dayNames.get(day)
  if (name === undefined) {
    name = new Date(day * DAY_MS).toISOString().slice(0, 10)
    if (dayNames.size > 100_000) dayNames.clear()
    dayNames.set(day, name)
  }
  return name
}

/** The last millisecond of a local calendar day: deadlines run to the end of their day. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const nextMidnightUtc = Date.UTC(year, month - 1, day + 1)
  // The zone's offset near that midnight (exact for zones without a change on that night).
  return new Date(nextMidnightUtc - zoneOffsetMs(new Date(nextMidnightUtc), timeZone) - 1)
}

/** 'YYYY-MM-DD' plus whole calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}
