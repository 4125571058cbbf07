// The one owner of the socket.io connection. Screens hold views through it; it routes
// each delta to its view, and on every (re)connection has each view catch up. Its
// status is the age of the data: heartbeats of a server that can read its database,
// deltas and snapshots all count as current data.
import { untrack } from 'svelte'
import { io, type Socket } from 'socket.io-client'
import { type Heartbeat, LIVE_NAMESPACE, type LiveAccessEnded, type LiveAck, type LiveClientToServerEvents, type LiveServerToClientEvents, type LiveView } from '../../../shared/live'
import { type LiveAccessEnd, handshakeRefusal } from './access-end'
import { isHeartbeat, utcOffsetMinutes, wallClock } from './heartbeat'
import { now } from './now.svelte'
import { type LiveStatus, liveStatus } from './status'
import { type LiveLink, LiveSubscription } from './subscription.svelte'

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

/** An answer that does not come within this long counts as a failure (and is retried). */
const ANSWER_TIMEOUT_MS = 15_000

const keyOf = (view: LiveView) => `${view.region}|${view.period}`

/** Retries of a handshake the server could not check (`unavailable`): as socket.io's own reconnection backs off. */
const RETRY_MIN_MS = 1_000
const RETRY_MAX_MS = 10_000

export class LiveConnection implements LiveLink {
  connected = $state(false)
  lastBeat = $state.raw<Heartbeat | null>(null)
  /** local Date.now() when the last heartbeat arrived */
  lastBeatAt = $state<number | null>(null)
  /** local Date.now() when the last delta or snapshot arrived */
  lastDataAt = $state<number | null>(null)
  /** server clock minus local clock, from the last heartbeat */
  clockOffsetMs = $state(0)
  serverUtcOffsetMinutes = $state(0)
  /** the server ended this browser's access, or refused the handshake for good: the page must go elsewhere; null while it has not */
  ended = $state<LiveAccessEnd | null>(null)

  #retryMs = RETRY_MIN_MS
  #retry: ReturnType<typeof setTimeout> | undefined

  #socket: LiveSocket | null = null
  readonly #views = new Map<string, { subscription: LiveSubscription; holders: number }>()

  /** ms since the last sign of current data; null before any */
  get ageMs(): number | null {
    const beat = this.lastBeat?.database === 'reachable' ? (this.lastBeatAt ?? -Infinity) : -Infinity
    const since = Math.max(beat, this.lastDataAt ?? -Infinity)
    return Number.isFinite(since) ? Math.max(0, now.ms - since) : null
  }

  get status(): LiveStatus {
    return liveStatus({ connected: this.connected, databaseUnreachable: this.lastBeat?.database === 'unreachable', ageMs: this.ageMs, intervalMs: this.lastBeat?.intervalMs })
  }

  /** server time now, or null before the first heartbeat */
  get serverNowMs(): number | null {
    return this.lastBeat ? now.ms + this.clockOffsetMs : null
  }

  /** the command centre's date (YYYY-MM-DD) by the server's clock, or null before the first heartbeat */
  get today(): string | null {
    const serverNow = this.serverNowMs
    return serverNow === null ? null : wallClock(serverNow, this.serverUtcOffsetMinutes).isoDate
  }

  start(): void {
    if (this.#socket) return
    const socket: LiveSocket = io(LIVE_NAMESPACE, {
      path: '/socket.io',
      // WebSocket first: a wall is live one round trip sooner, and its start does not queue behind
      // its own HTTP loads for the browser's six connections. Polling stays for networks whose
      // proxies refuse WebSocket.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1_000,
      // A wall that lost its server for long still comes back within seconds of it.
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    })
    socket.on('connect', () => {
      this.connected = true
      this.#retryMs = RETRY_MIN_MS
      for (const { subscription } of this.#views.values()) void subscription.sync()
    })
    // A server shutting down closes the transport, so socket.io reconnects by itself; a
    // server-side disconnect means "stay away" and is respected.
    socket.on('disconnect', () => {
      this.connected = false
    })
    // A refused handshake is not retried by socket.io itself (the socket is destroyed, `active` false).
    socket.on('connect_error', (error) => {
      const code = handshakeRefusal(error, socket.active)
      if (code === null) return
      if (code !== 'unavailable') {
        this.ended = code
        return
      }
      // The server could not check the credentials (its database did not answer): ask again, backing off.
      clearTimeout(this.#retry)
      this.#retry = setTimeout(() => socket.connect(), this.#retryMs * (0.5 + Math.random()))
      this.#retryMs = Math.min(RETRY_MAX_MS, this.#retryMs * 2)
    })
    // The server disconnects next, and socket.io does not reconnect after a server-side disconnect.
    socket.on('access_ended', (ended) => {
      const reason = (ended as Partial<LiveAccessEnded> | null)?.reason
      this.ended = reason === 'token_revoked' || reason === 'scope_changed' ? reason : 'session_ended'
    })
    socket.on('heartbeat', (beat) => {
      if (!isHeartbeat(beat)) return
      const receivedAt = Date.now()
      this.lastBeat = beat
      this.lastBeatAt = receivedAt
      this.clockOffsetMs = Date.parse(beat.serverTime) - receivedAt
      this.serverUtcOffsetMinutes = utcOffsetMinutes(beat.serverTime)
    })
    socket.on('delta', (delta) => {
      if (typeof delta !== 'object' || delta === null) return
      this.#views.get(keyOf(delta))?.subscription.receive(delta)
    })
    this.#socket = socket
  }

  /** The view, kept current for as long as someone holds it; the same one for every holder. */
  hold(view: LiveView): LiveSubscription {
    const key = keyOf(view)
    const held = this.#views.get(key)
    if (held !== undefined) {
      held.holders += 1
      return held.subscription
    }
    const subscription = new LiveSubscription(view, this)
    this.#views.set(key, { subscription, holders: 1 })
    // Held from an effect, which must not come to depend on the link's state through this first request.
    untrack(() => void subscription.sync())
    return subscription
  }

  release(subscription: LiveSubscription): void {
    const key = keyOf(subscription.view)
    const held = this.#views.get(key)
    if (held === undefined || held.subscription !== subscription) return
    held.holders -= 1
    if (held.holders > 0) return
    this.#views.delete(key)
    subscription.close()
    if (this.connected) this.#socket?.emit('unsubscribe', subscription.view, () => {})
  }

  async ask<T>(event: 'subscribe' | 'resync', payload: object): Promise<LiveAck<T>> {
    const socket = this.#socket
    if (socket === null) throw new Error('not connected')
    // The event is one of two, so the typed overloads cannot pick its answer type; the caller names it.
    const timed = socket.timeout(ANSWER_TIMEOUT_MS) as unknown as { emitWithAck(event: string, payload: object): Promise<LiveAck<T>> }
    return timed.emitWithAck(event, payload)
  }

  noteData(): void {
    this.lastDataAt = Date.now()
  }
}

export const live = new LiveConnection()
