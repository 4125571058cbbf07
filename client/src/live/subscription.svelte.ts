// One view (region × period) a screen shows: its snapshot kept current by deltas in seq
// order, caught up after a gap or a reconnection (the missed deltas, or a fresh
// snapshot), and a status a panel can show. The last good data stays while anything
// goes wrong; retries go on by themselves.
import { Check } from 'typebox/value'
import { type LiveAck, LiveDelta, type LiveErrorCode, LiveSnapshot, type LiveView, type Resynced, type Subscribed } from '../../../shared/live'
import { applyChanges } from '../../../shared/live-patch'
import type { LiveStatus } from './status'

export type SubscriptionStatus = 'connecting' | LiveStatus

/** What a subscription needs of the connection that owns the socket. */
export interface LiveLink {
  readonly status: LiveStatus
  readonly connected: boolean
  ask<T>(event: 'subscribe' | 'resync', payload: object): Promise<LiveAck<T>>
  /** a delta or snapshot arrived: the data is current */
  noteData(): void
}

/** After a failed request, the next try; refusals of the view itself (an unknown region, one outside the scope) are not retried. */
export const RETRY_MS = 5_000
export const FINAL_REFUSALS: ReadonlySet<LiveErrorCode> = new Set(['invalid_payload', 'unknown_region', 'invalid_period', 'forbidden'])

export class LiveSubscription {
  snapshot = $state.raw<LiveSnapshot | undefined>(undefined)
  /** local epoch ms when the values last changed */
  changedAt = $state<number | null>(null)
  /** local epoch ms of the last change per part of the snapshot ("/summary/metrics", "/ticker"), since the last full snapshot */
  #partChangedAt = $state.raw<ReadonlyMap<string, number>>(new Map())
  #snapshotAt = $state<number | null>(null)
  /** why the view is not current, in the server's or the socket's English: for a log, never for the screen; null while all is well */
  problem = $state<string | null>(null)
  /** why the server refused the view itself (an unknown region), for the screen to word; null unless it did */
  refusal = $state<LiveErrorCode | null>(null)
  #catchingUp = $state(false)
  #seq: number | null = null
  #again = false
  #retry: ReturnType<typeof setTimeout> | undefined
  #closed = false

  constructor(
    readonly view: LiveView,
    private readonly link: LiveLink,
  ) {}

  get seq(): number | null {
    return this.#seq
  }

  /** When the parts of the snapshot under these paths ("/ticker", "/breakdowns/cases_opened") last changed or came afresh. */
  changedAtOf(paths: readonly string[]): number | null {
    let latest = this.#snapshotAt
    for (const [part, at] of this.#partChangedAt) {
      if (latest !== null && at <= latest) continue
      if (paths.some((path) => part.startsWith(path))) latest = at
    }
    return latest
  }

  get status(): SubscriptionStatus {
    if (this.snapshot === undefined) return this.link.status === 'offline' ? 'offline' : 'connecting'
    if (this.link.status !== 'live') return this.link.status
    return this.#catchingUp || this.problem !== null ? 'stale' : 'live'
  }

  /** whether what it holds may be shown as current (still connecting counts: nothing is held yet) */
  get current(): boolean {
    const status = this.status
    return status === 'live' || status === 'connecting'
  }

  /** (Re)connected, or a gap was seen: the missed deltas, or a fresh snapshot. One request at a time. */
  async sync(): Promise<void> {
    if (this.#closed || !this.link.connected) return
    if (this.#catchingUp) {
      this.#again = true
      return
    }
    clearTimeout(this.#retry)
    this.#catchingUp = true
    try {
      do {
        this.#again = false
        await this.#catchUp()
      } while (this.#again && !this.#closed)
    } finally {
      this.#catchingUp = false
    }
  }

  receive(value: unknown): void {
    if (this.#seq === null || this.snapshot === undefined || !Check(LiveDelta, value)) return
    const delta = value as LiveDelta
    if (delta.seq <= this.#seq) return // already in the snapshot
    if (delta.seq !== this.#seq + 1) {
      void this.sync()
      return
    }
    try {
      this.#show(applyChanges(this.snapshot, delta.changes), delta.seq)
      this.#notePartsChanged(delta)
    } catch {
      // A delta that does not fit what is held: start afresh rather than show something wrong.
      this.#seq = null
      void this.sync()
    }
  }

  close(): void {
    this.#closed = true
    clearTimeout(this.#retry)
  }

  async #catchUp(): Promise<void> {
    const fromSeq = this.#seq
    const answer: Subscribed | Resynced | undefined = fromSeq === null ? await this.#ask<Subscribed>('subscribe', this.view) : await this.#ask<Resynced>('resync', { ...this.view, fromSeq })
    if (answer === undefined) return
    if ('kind' in answer && answer.kind === 'deltas') {
      for (const delta of answer.deltas) this.receive(delta)
      this.link.noteData()
      return
    }
    if (!('snapshot' in answer) || !Check(LiveSnapshot, answer.snapshot)) {
      this.#fail('the server sent a snapshot of an unexpected shape')
      return
    }
    this.#show(answer.snapshot as LiveSnapshot, answer.seq)
    this.#snapshotAt = this.changedAt
    this.#partChangedAt = new Map()
  }

  #notePartsChanged(delta: LiveDelta): void {
    const parts = new Map(this.#partChangedAt)
    // Two levels name a panel's data ("/breakdowns/<metric>"). The ticker's keys are record ids,
    // which would grow the map for as long as the wall runs, so it is one part.
    for (const change of delta.changes) {
      const part = change.path.startsWith('/ticker') ? '/ticker' : change.path.split('/', 3).join('/')
      parts.set(part, this.changedAt ?? Date.now())
    }
    this.#partChangedAt = parts
  }

  /** The answer's data, or undefined after saying what went wrong (and retrying where that can help). */
  async #ask<T>(event: 'subscribe' | 'resync', payload: object): Promise<T | undefined> {
    let answer: LiveAck<T>
    try {
      answer = await this.link.ask<T>(event, payload)
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error))
      return undefined
    }
    if (!answer.ok) {
      const final = FINAL_REFUSALS.has(answer.error.code)
      if (final) this.refusal = answer.error.code
      this.#fail(answer.error.message, final)
      return undefined
    }
    return answer.data
  }

  #show(snapshot: LiveSnapshot, seq: number): void {
    this.snapshot = snapshot
    this.#seq = seq
    this.changedAt = Date.now()
    this.problem = null
    this.refusal = null
    this.link.noteData()
  }

  #fail(problem: string, final = false): void {
    this.problem = problem
    if (!final && !this.#closed) this.#retry = setTimeout(() => void this.sync(), RETRY_MS)
  }
}
