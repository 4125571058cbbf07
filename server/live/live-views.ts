// The views (region × period) that screens on this instance hold: each with its
// sequence number, the snapshot last sent and its last deltas, for a screen that missed
// some. Views whose regions changed are read again on the next tick, all of them
// together, and only what differs goes out. Nothing here is the truth: a restarted
// instance starts from the database.
import type { LiveDelta, LiveSnapshot, LiveStats, LiveView, Resynced, Subscribed } from '../../shared/live'
import { changesBetween } from '../../shared/live-patch'
import type { MetricSource } from '../metrics/metric-source'
import { type ReadContext, readContext } from '../metrics/metric-loader'
import { type LiveAlertReader, readLiveSnapshot } from './live-snapshots'
import { sharingUnchanged } from './shared-structure'

/** Deltas kept per view for resync; a screen further behind gets a fresh snapshot. */
const KEPT_DELTAS = 100
/** Tick durations kept for the stats. */
const KEPT_TICKS = 1000

class ViewState {
  /**
   * Starts at the clock's milliseconds and rises by one per delta (a few a second at
   * most), so a seq from an earlier life of the view, here or on another instance, is
   * always older than this one's: such a resync gets a snapshot, never foreign deltas.
   */
  seq = Date.now()
  dirty = false
  /** the snapshot last sent; none before the first read */
  snapshot: LiveSnapshot | undefined
  recent: LiveDelta[] = []
  /** one read of the view at a time, in order */
  queue: Promise<unknown> = Promise.resolve()

  constructor(readonly view: LiveView) {}
}

export const roomOf = (view: LiveView): string => `view:${view.region}|${view.period}`

export type LiveViewStats = Omit<LiveStats, 'sockets'>

export class LiveViews {
  readonly #views = new Map<string, ViewState>()
  readonly #counts = { ticks: 0, viewsRead: 0, deltas: 0, messages: 0, deliveryMs: 0 }
  readonly #tickMs: number[] = []

  constructor(
    private readonly source: MetricSource,
    /** hands a delta to the room's screens; returns how many there are */
    private readonly send: (room: string, delta: LiveDelta) => number,
    /** the open alerts a snapshot of the region carries (server/alerts) */
    private readonly alerts: LiveAlertReader,
  ) {}

  /**
   * The view's snapshot and seq. A view already held is brought up to date first (its
   * screens get that delta), so the snapshot is exactly the state at `seq`. `join` runs
   * then, before any later delta.
   */
  async subscribe(view: LiveView, join: () => void | Promise<void>): Promise<Subscribed> {
    const room = roomOf(view)
    // Held before its first read, so that a commit during that read marks it for the next tick.
    let held = this.#views.get(room)
    if (held === undefined) this.#views.set(room, (held = new ViewState(view)))
    const state = held
    return this.#serially(state, async () => {
      try {
        const snapshot = await this.#refresh(state, readContext(this.source))
        await join()
        // Its last screen may have left meanwhile, which let go of it: held again for this one.
        if (!this.#views.has(room)) this.#views.set(room, state)
        return { seq: state.seq, snapshot }
      } catch (error) {
        if (state.snapshot === undefined && this.#views.get(room) === state) this.#views.delete(room)
        throw error
      }
    })
  }

  /** A screen that missed deltas: those after `fromSeq` while they are kept, else a fresh snapshot. */
  async resync(view: LiveView, fromSeq: number, join: () => void | Promise<void>): Promise<Resynced> {
    const held = this.#views.get(roomOf(view))
    const oldest = held?.recent[0]?.seq ?? (held === undefined ? undefined : held.seq + 1)
    if (held !== undefined && oldest !== undefined && fromSeq <= held.seq && fromSeq >= oldest - 1) {
      await join()
      return { kind: 'deltas', deltas: held.recent.filter((delta) => delta.seq > fromSeq) }
    }
    return { kind: 'snapshot', ...(await this.subscribe(view, join)) }
  }

  /** Nobody on this instance shows the room any more. */
  release(room: string): void {
    this.#views.delete(room)
  }

  /** Marks the views of these regions for the next tick. */
  regionsChanged(codes: ReadonlySet<string>): void {
    for (const state of this.#views.values()) if (codes.has(state.view.region)) state.dirty = true
  }

  /** Every view: at a day boundary, when relative periods move, or when the database is back. */
  allChanged(): void {
    for (const state of this.#views.values()) state.dirty = true
  }

  stats(): LiveViewStats {
    const sorted = [...this.#tickMs].sort((a, b) => a - b)
    const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0
    return { ...this.#counts, views: this.#views.size, tickMs: { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 } }
  }

  /**
   * Reads every marked view again, all with one context so that their reads go out
   * together, and sends what changed. A view that could not be read stays marked, and
   * the first failure is thrown once all were tried.
   */
  async tick(): Promise<void> {
    const marked = [...this.#views.values()].filter((state) => state.dirty)
    if (marked.length === 0) return
    const started = performance.now()
    const ctx = readContext(this.source)
    const outcomes = await Promise.allSettled(marked.map((state) => this.#serially(state, () => this.#refresh(state, ctx))))
    this.#counts.ticks += 1
    this.#tickMs.push(performance.now() - started)
    if (this.#tickMs.length > KEPT_TICKS) this.#tickMs.shift()
    const failed = outcomes.find((outcome) => outcome.status === 'rejected')
    if (failed !== undefined) throw failed.reason
  }

  async #refresh(state: ViewState, ctx: ReadContext): Promise<LiveSnapshot> {
    state.dirty = false
    let read: LiveSnapshot
    try {
      read = await readLiveSnapshot(ctx, this.source.regions, state.view, this.alerts)
    } catch (error) {
      state.dirty = true
      throw error
    }
    this.#counts.viewsRead += 1
    const before = state.snapshot
    const snapshot = before === undefined ? read : sharingUnchanged(before, read)
    // Synchronous from here to the send: the time is this thread's CPU, and cheaper to read than cpuUsage().
    const started = performance.now()
    state.snapshot = snapshot
    const changes = before === undefined ? [] : changesBetween(before, snapshot)
    if (changes.length > 0) {
      state.seq += 1
      const delta: LiveDelta = { ...state.view, seq: state.seq, changes }
      state.recent.push(delta)
      if (state.recent.length > KEPT_DELTAS) state.recent.shift()
      this.#counts.deltas += 1
      this.#counts.messages += this.send(roomOf(state.view), delta)
    }
    this.#counts.deliveryMs += performance.now() - started
    return snapshot
  }

  #serially<T>(state: ViewState, work: () => Promise<T>): Promise<T> {
    const run = state.queue.then(work)
    state.queue = run.catch(() => {})
    return run
  }
}
