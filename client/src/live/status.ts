import { STALE_AMBER_MS, STALE_RED_MS } from '../../../shared/live'

export type LiveStatus = 'live' | 'stale' | 'offline'

export interface LiveSignal {
  connected: boolean
  /** the server said in its last heartbeat that it cannot read its database */
  databaseUnreachable?: boolean
  /** ms since the last sign of current data (a delta, a snapshot, a heartbeat of a server that can read its database); null if none yet */
  ageMs: number | null
  /** the heartbeat interval the server promised, if known */
  intervalMs?: number
}

/**
 * How far the screen can be trusted right now: by the age of its data, amber at
 * STALE_AMBER_MS and red at STALE_RED_MS. A link that is down, or a server that
 * cannot read its database, makes it amber at once: what it shows is not being kept
 * current. A server that promises heartbeats slower than the amber threshold would
 * otherwise flash amber between beats, so the thresholds never go below two intervals.
 */
export function liveStatus({ connected, databaseUnreachable = false, ageMs, intervalMs = 0 }: LiveSignal): LiveStatus {
  if (ageMs === null) return 'offline'
  const amberAfter = Math.max(STALE_AMBER_MS, 2 * intervalMs)
  const redAfter = Math.max(STALE_RED_MS, amberAfter)
  if (ageMs >= redAfter) return 'offline'
  if (!connected || databaseUnreachable || ageMs >= amberAfter) return 'stale'
  return 'live'
}
