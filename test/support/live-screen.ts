// A wall screen for tests: a real socket.io client on the /live namespace that asks
// in the one answer shape and holds views by applying their deltas in seq order.
import { type Socket, io } from 'socket.io-client'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveDelta, type LiveServerToClientEvents, type LiveSnapshot, type LiveView, type Subscribed } from '../../shared/live'
import { applyChanges } from '../../shared/live-patch'

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

/** What a screen holds of one view. */
export interface HeldView {
  view: LiveView
  seq: number
  snapshot: LiveSnapshot
  /** deltas whose seq did not follow the last one */
  gaps: number
}

export class TestScreen {
  readonly deltas: LiveDelta[] = []
  readonly #held = new Map<string, HeldView>()

  private constructor(readonly socket: LiveSocket) {
    socket.on('delta', (delta) => {
      this.deltas.push(delta)
      const held = this.#held.get(keyOf(delta))
      if (held === undefined) return
      if (delta.seq !== held.seq + 1) {
        held.gaps += 1
        return
      }
      held.snapshot = applyChanges(held.snapshot, delta.changes)
      held.seq = delta.seq
    })
  }

  /** Connected to `url` (the server's origin); no reconnection unless asked. */
  static async connect(url: string, options: { reconnection?: boolean } = {}): Promise<TestScreen> {
    const socket: LiveSocket = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: options.reconnection ?? false, reconnectionDelay: 100, reconnectionDelayMax: 200 })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('connect_error', reject)
    })
    return new TestScreen(socket)
  }

  /** Sends a request and resolves with its data, or rejects with the refusal's message. */
  request<T>(event: string, payload: unknown): Promise<T> {
    return this.answer<T>(event, payload).then((answer) => (answer.ok ? answer.data : Promise.reject(new Error(answer.error.message))))
  }

  /** The whole answer, refusals included. */
  answer<T>(event: string, payload: unknown): Promise<LiveAck<T>> {
    return new Promise((resolve) => (this.socket.emit as (event: string, payload: unknown, ack: (answer: LiveAck<T>) => void) => void)(event, payload, resolve))
  }

  /** Subscribes and from then on applies the view's deltas. */
  async hold(view: LiveView): Promise<HeldView> {
    const { seq, snapshot } = await this.request<Subscribed>('subscribe', view)
    const held: HeldView = { view, seq, snapshot, gaps: 0 }
    this.#held.set(keyOf(view), held)
    return held
  }

  close(): void {
    this.socket.disconnect()
  }
}

const keyOf = (view: LiveView) => `${view.region}|${view.period}`

/** The origin an app listens on, e.g. http://127.0.0.1:41234. */
export function originOf(server: { address(): unknown }): string {
  const address = server.address() as { port: number } | string | null
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return `http://127.0.0.1:${address.port}`
}
