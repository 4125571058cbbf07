// The views (region × period) that screens on this instance hold: each with its
// sequence number, the values last sent and its last deltas, for a screen that missed
// some. A view whose region changed is read again on the next tick, and only what
// differs goes out. Nothing here is the truth: a restarted instance starts from the database.
import type { LiveDelta, LiveView, Resynced, Subscribed } from '../../shared/live'
import { type FlatValues, changesBetween, flatten } from '../../shared/live-values'
import { type SnapshotSources, readLiveSnapshot } from './live-snapshots'

/** Deltas kept per view for resync; a screen further behind gets a fresh snapshot. */
const KEPT_DELTAS = 100

class ViewState {
  seq = 0
  dirty = false
  recent: LiveDelta[] = []
  /** one read of the view at a time, in order */
  queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly view: LiveView,
    public values: FlatValues,
  ) {}
}

export const roomOf = (view: LiveView): string => `view:${view.region}|${view.period}`

export class LiveViews {
  readonly #views = new Map<string, ViewState>()

  constructor(
    private readonly sources: SnapshotSources,
    private readonly send: (room: string, delta: LiveDelta) => void,
  ) {}

  /**
   * The view's snapshot and seq. A view already held is brought up to date first (its
   * screens get that delta), so the snapshot is exactly the state at `seq`. `join` runs
   * then, before any later delta.
   */
  async subscribe(view: LiveView, join: () => void | Promise<void>): Promise<Subscribed> {
    const room = roomOf(view)
    const held = this.#views.get(room)
    if (held === undefined) {
      const snapshot = await readLiveSnapshot(this.sources, view)
      // Another screen may have subscribed meanwhile: its state wins, this one joins it.
      if (!this.#views.has(room)) this.#views.set(room, new ViewState(view, flatten(snapshot)))
      else return this.subscribe(view, join)
      await join()
      return { seq: 0, snapshot }
    }
    return this.#serially(held, async () => {
      const snapshot = await this.#refresh(held)
      await join()
      return { seq: held.seq, snapshot }
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

  /** Every view, e.g. at a day boundary, when relative periods move. */
  allChanged(): void {
    for (const state of this.#views.values()) state.dirty = true
  }

  /** Reads every marked view again and sends what changed. */
  async tick(): Promise<void> {
    const marked = [...this.#views.values()].filter((state) => state.dirty)
    await Promise.all(marked.map((state) => this.#serially(state, () => this.#refresh(state))))
  }

  async #refresh(state: ViewState) {
    state.dirty = false
    const snapshot = await readLiveSnapshot(this.sources, state.view)
    const values = flatten(snapshot)
    const changes = changesBetween(state.values, values)
    state.values = values
    if (changes !== undefined) {
      state.seq += 1
      const delta: LiveDelta = { ...state.view, seq: state.seq, changes }
      state.recent.push(delta)
      if (state.recent.length > KEPT_DELTAS) state.recent.shift()
      this.send(roomOf(state.view), delta)
    }
    return snapshot
  }

  #serially<T>(state: ViewState, work: () => Promise<T>): Promise<T> {
    const run = state.queue.then(work)
    state.queue = run.catch(() => {})
    return run
  }
}
