// socket.io contract of the `/live` namespace, typed for both ends.
import Type, { type Static } from 'typebox'

export const LIVE_NAMESPACE = '/live'

export const Heartbeat = Type.Object({
  /** increases by one per heartbeat of this server instance */
  seq: Type.Integer({ minimum: 0 }),
  /** server clock, ISO 8601 with the command centre's UTC offset (+08:00) */
  serverTime: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' }),
  /** the interval the server promises, so a client can judge staleness */
  intervalMs: Type.Integer({ minimum: 1 }),
})
export type Heartbeat = Static<typeof Heartbeat>

export interface LiveServerToClientEvents {
  heartbeat: (beat: Heartbeat) => void
}

/** Nothing yet: screens only listen until subscriptions arrive. */
export type LiveClientToServerEvents = Record<string, never>

/** A screen turns amber after this long without a heartbeat or data, red after STALE_RED_MS. */
export const STALE_AMBER_MS = 10_000
export const STALE_RED_MS = 60_000
