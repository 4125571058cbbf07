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
