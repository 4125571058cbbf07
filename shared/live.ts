// socket.io contract of the `/live` namespace, typed for both ends.
import Type, { type Static } from 'typebox'
import { Alert } from './alerts'
import { RegionCode } from './api'
import type { PatchOperation } from './live-patch'
import { CampaignProgress, type MetricKey, PeriodQuery, RegionBreakdown, RegionSummary } from './metrics'
import { TaskFigures } from './tasks'
import { Ticker } from './ticker'

export const LIVE_NAMESPACE = '/live'

export const Heartbeat = Type.Object({
  /** increases by one per heartbeat of this server instance */
  seq: Type.Integer({ minimum: 0 }),
  /** whether the server can read its database now: while it cannot, what screens show is not current */
  database: Type.Union([Type.Literal('reachable'), Type.Literal('unreachable')]),
  /** server clock, ISO 8601 with the command centre's UTC offset (+08:00) */
  serverTime: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' }),
  /** the interval the server promises, so a client can judge staleness */
  intervalMs: Type.Integer({ minimum: 1 }),
  /** while the demo fills its first history: how much of it is filled, in whole percent (its figures are not yet the whole year's) */
  demoHistoryPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
})
export type Heartbeat = Static<typeof Heartbeat>

/** What a screen shows: a region over a period (the same periods as the HTTP API). */
export const LiveView = Type.Object({ region: RegionCode, period: Type.String({ ...PeriodQuery, minLength: 1 }) }, { additionalProperties: false })
export type LiveView = Static<typeof LiveView>

/** Exactly what the HTTP endpoints answer for the view: summary, breakdowns of the children, campaign progress, ticker, alerts, tasks. */
export const LiveSnapshot = Type.Object({
  summary: RegionSummary,
  /** `GET …/breakdown?metric=<key>` for every metric of the catalogue, by key */
  breakdowns: Type.Record(Type.String(), RegionBreakdown),
  /** `GET /api/v1/campaigns/<id>/progress?region=<region>`: the period's campaign, or every running campaign covering the region */
  campaigns: Type.Array(CampaignProgress),
  /** `GET /api/v1/regions/<region>/ticker`: the newest complaints, reports, cases and alerts of the region's subtree */
  ticker: Ticker,
  /** the open alerts of the region's subtree, at most LIVE_ALERTS_LENGTH, most severe and newest first (compareAlerts), keyed by id */
  alerts: Type.Record(Type.String(), Alert),
  /** the follow-up tasks of the region's subtree, now */
  tasks: TaskFigures,
})
export type LiveSnapshot = Static<typeof LiveSnapshot> & { breakdowns: Record<MetricKey, RegionBreakdown> }

/** A screen that saw a gap in seq, or reconnected, asks for what it missed. */
export const LiveResync = Type.Object({ ...LiveView.properties, fromSeq: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })
export type LiveResync = Static<typeof LiveResync>

const Path = Type.String({ pattern: '^(/[^/]*)*$' })
/** The operations a delta uses, of RFC 6902. */
export const PatchChange = Type.Union([
  Type.Object({ op: Type.Literal('add'), path: Path, value: Type.Unknown() }),
  Type.Object({ op: Type.Literal('replace'), path: Path, value: Type.Unknown() }),
  Type.Object({ op: Type.Literal('remove'), path: Path }),
])

/** What changed in a view since the previous delta (seq − 1), as a JSON Patch of the snapshot (see live-patch). */
export const LiveDelta = Type.Object({ ...LiveView.properties, seq: Type.Integer({ minimum: 0 }), changes: Type.Array(PatchChange) })
export type LiveDelta = Omit<Static<typeof LiveDelta>, 'changes'> & { changes: PatchOperation[] }

export interface Subscribed {
  /** the view's sequence number; deltas continue from it */
  seq: number
  snapshot: LiveSnapshot
}

export type Resynced = { kind: 'deltas'; deltas: LiveDelta[] } | ({ kind: 'snapshot' } & Subscribed)

/** Why a request on the socket was refused; the socket stays usable. `forbidden`: the view's region lies outside the caller's scope. */
export type LiveErrorCode = 'invalid_payload' | 'unknown_region' | 'invalid_period' | 'forbidden' | 'internal'

/** The one answer shape of every request on the socket. */
export type LiveAck<T> = { ok: true; data: T } | { ok: false; error: { code: LiveErrorCode; message: string } }

/**
 * Why the handshake was refused, as the connect_error's `data`. A stock socket.io client does
 * not retry a refused handshake by itself: `unauthenticated` and `forbidden` need other
 * credentials (log in again); `unavailable` (the database did not answer) may be retried.
 */
export type LiveConnectErrorCode = 'unauthenticated' | 'forbidden' | 'unavailable'
export interface LiveConnectErrorData {
  code: LiveConnectErrorCode
}

/**
 * The last message before the server closes a socket whose access ended: `session_ended`
 * (expired, logged out, the user disabled or given a new password: log in again),
 * `token_revoked` (the key or screen token was revoked), `scope_changed` (the user's role
 * or region was changed: connect again to read under the new scope).
 */
export interface LiveAccessEnded {
  reason: 'session_ended' | 'token_revoked' | 'scope_changed'
  message: string
}

export interface LiveServerToClientEvents {
  heartbeat: (beat: Heartbeat) => void
  delta: (delta: LiveDelta) => void
  access_ended: (ended: LiveAccessEnded) => void
}

/**
 * Every request a client may send, with its payload's schema; the server registers its
 * handlers from this, and each payload names the region the caller must be allowed to read.
 */
export const LIVE_CLIENT_REQUESTS = { subscribe: LiveView, resync: LiveResync, unsubscribe: LiveView } as const
export type LiveClientEvent = keyof typeof LIVE_CLIENT_REQUESTS
/** The events of LIVE_CLIENT_REQUESTS, for whatever must cover each (the authorization matrix). */
export const LIVE_CLIENT_EVENTS = Object.keys(LIVE_CLIENT_REQUESTS) as LiveClientEvent[]

export interface LiveClientToServerEvents {
  resync: (request: LiveResync, ack: (answer: LiveAck<Resynced>) => void) => void
  subscribe: (view: LiveView, ack: (answer: LiveAck<Subscribed>) => void) => void
  unsubscribe: (view: LiveView, ack: (answer: LiveAck<null>) => void) => void
}
// The typed events and the runtime list are one set: an event added to either alone fails to compile.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const eventsMatch: SameKeys<keyof LiveClientToServerEvents, LiveClientEvent> = true
void eventsMatch

/** `GET /api/v1/live/stats`: what this instance's live hub does, for operators and benchmarks. */
export const LiveStats = Type.Object({
  /** screens connected to this instance */
  sockets: Type.Integer({ minimum: 0 }),
  /** views (region × period) this instance holds for them */
  views: Type.Integer({ minimum: 0 }),
  /** ticks that read at least one view */
  ticks: Type.Integer({ minimum: 0 }),
  viewsRead: Type.Integer({ minimum: 0 }),
  deltas: Type.Integer({ minimum: 0 }),
  /** deltas times the screens each went to */
  messages: Type.Integer({ minimum: 0 }),
  /** time this instance's thread spent diffing snapshots and handing deltas to socket.io, since start */
  deliveryMs: Type.Number({ minimum: 0 }),
  /** how long the last 1,000 ticks that read views took, start to last delta sent */
  tickMs: Type.Object({ p50: Type.Number(), p95: Type.Number(), max: Type.Number() }),
})
export type LiveStats = Static<typeof LiveStats>

/** A screen turns amber after this long without a heartbeat or data, red after STALE_RED_MS. */
export const STALE_AMBER_MS = 10_000
export const STALE_RED_MS = 60_000
