// The one owner of the socket.io connection; every screen reads its state from here.
import { io, type Socket } from 'socket.io-client'
import { LIVE_NAMESPACE, type Heartbeat, type LiveClientToServerEvents, type LiveServerToClientEvents } from '../../../shared/live'
import { isHeartbeat, utcOffsetMinutes } from './heartbeat'
import { liveStatus, type LiveStatus } from './status'
import { now } from './now.svelte'

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

export class LiveConnection {
  connected = $state(false)
  lastBeat = $state.raw<Heartbeat | null>(null)
  /** local Date.now() when the last heartbeat arrived */
  lastBeatAt = $state<number | null>(null)
  connectedAt = $state<number | null>(null)
  /** server clock minus local clock, from the last heartbeat */
  clockOffsetMs = $state(0)
  serverUtcOffsetMinutes = $state(0)

  #socket: LiveSocket | null = null

  /** ms since the last sign of life; a fresh (re)connection counts as one */
  get ageMs(): number | null {
    const since = Math.max(this.lastBeatAt ?? -Infinity, this.connectedAt ?? -Infinity)
    return Number.isFinite(since) ? Math.max(0, now.ms - since) : null
  }

  get status(): LiveStatus {
    return liveStatus({ connected: this.connected, ageMs: this.ageMs, intervalMs: this.lastBeat?.intervalMs })
  }

  /** server time now, or null before the first heartbeat */
  get serverNowMs(): number | null {
    return this.lastBeat ? now.ms + this.clockOffsetMs : null
  }

  start(): void {
    if (this.#socket) return
    const socket: LiveSocket = io(LIVE_NAMESPACE, {
      path: '/socket.io',
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 30_000,
      randomizationFactor: 0.5,
    })
    socket.on('connect', () => {
      this.connected = true
      this.connectedAt = Date.now()
    })
    socket.on('disconnect', (reason) => {
      this.connected = false
      this.connectedAt = null
      // socket.io does not reconnect after a server-side disconnect; a wall must.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 2_000)
    })
    socket.on('heartbeat', (beat) => {
      if (!isHeartbeat(beat)) return
      const receivedAt = Date.now()
      this.lastBeat = beat
      this.lastBeatAt = receivedAt
      this.clockOffsetMs = Date.parse(beat.serverTime) - receivedAt
      this.serverUtcOffsetMinutes = utcOffsetMinutes(beat.serverTime)
    })
    this.#socket = socket
  }
}

export const live = new LiveConnection()
