import { Check } from 'typebox/value'
import { Heartbeat } from '../../../shared/live'

/** Socket payloads are checked against the shared schema like HTTP bodies; a bad one is ignored, not shown. */
export function isHeartbeat(value: unknown): value is Heartbeat {
  return Check(Heartbeat, value) && Number.isFinite(Date.parse(value.serverTime))
}

/** Minutes east of UTC written in an ISO 8601 time ("+08:00" → 480, "Z" → 0). */
export function utcOffsetMinutes(iso: string): number {
  const match = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(iso)
  if (!match || match[1]?.toUpperCase() === 'Z' || !match[2]) return 0
  const sign = match[2] === '-' ? -1 : 1
  return sign * (Number(match[3]) * 60 + Number(match[4]))
}

export interface WallClock {
  year: number
  month: number
  day: number
  weekday: number
  /** "YYYY-MM-DD" */
  isoDate: string
  /** "HH:MM:SS" */
  time: string
}

/**
 * The wall clock at `epochMs` in the server's own UTC offset, so a browser set to
 * another time zone still shows the command centre's local time.
 */
export function wallClock(epochMs: number, offsetMinutes: number): WallClock {
  const d = new Date(epochMs + offsetMinutes * 60_000)
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    isoDate: d.toISOString().slice(0, 10),
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  }
}
