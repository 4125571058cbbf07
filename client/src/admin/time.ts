// Times in the admin tables, on the command centre's clock like the wall's (its zone from the
// live heartbeat); before the first heartbeat the browser's own zone stands in.
import { live } from '../live/connection.svelte'
import { wallClock } from '../live/heartbeat'

/** "2026-12-04 17:05" (or "2026-12-04 17:05:09" with seconds) at `iso` in the zone `utcOffsetMinutes` east of UTC. */
export function formatTime(iso: string, utcOffsetMinutes: number, { seconds = false } = {}): string {
  const clock = wallClock(Date.parse(iso), utcOffsetMinutes)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${clock.year}-${two(clock.month)}-${two(clock.day)} ${seconds ? clock.time : clock.time.slice(0, 5)}`
}

/** formatTime on the command centre's clock; reactive where the live link is read. */
export function commandCentreTime(iso: string, options: { seconds?: boolean } = {}): string {
  return formatTime(iso, live.serverNowMs === null ? -new Date(iso).getTimezoneOffset() : live.serverUtcOffsetMinutes, options)
}
