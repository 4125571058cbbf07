import { STALE_AMBER_MS, STALE_RED_MS } from '../../../shared/live'

export type LiveStatus = 'live' | 'stale' | 'offline'

export interface LiveSignal {
  connected: boolean
  /** ms since the last sign of life (heartbeat, or the connection itself); null if none yet */
  ageMs: number | null
  /** the heartbeat interval the server promised, if known */
  intervalMs?: number
}

/**
 * How trustworthy the screen is right now. A server that promises heartbeats slower
 * than the amber threshold would otherwise flash amber between beats, so the
 * thresholds never go below two promised intervals.
 */
export function liveStatus({ connected, ageMs, intervalMs = 0 }: LiveSignal): LiveStatus {
  if (!connected || ageMs === null) return 'offline'
  const amberAfter = Math.max(STALE_AMBER_MS, 2 * intervalMs)
  const redAfter = Math.max(STALE_RED_MS, amberAfter)
  if (ageMs >= redAfter) return 'offline'
  if (ageMs >= amberAfter) return 'stale'
  return 'live'
}
