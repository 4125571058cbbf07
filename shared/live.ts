// socket.io contract of the `/live` namespace, typed for both ends.

export const LIVE_NAMESPACE = '/live'

export interface Heartbeat {
  /** increases by one per heartbeat of this server instance */
  seq: number
  /** server clock, ISO 8601 with offset */
  serverTime: string
  /** the interval the server promises, so a client can judge staleness */
  intervalMs: number
}

export interface LiveServerToClientEvents {
  heartbeat: (beat: Heartbeat) => void
}

/** Nothing yet: screens only listen until subscriptions arrive. */
export type LiveClientToServerEvents = Record<string, never>

/** A screen turns amber after this long without a heartbeat or data, red after STALE_RED_MS. */
export const STALE_AMBER_MS = 10_000
export const STALE_RED_MS = 60_000
