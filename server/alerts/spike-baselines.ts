// The complaint spike's baseline: each county's complaints on the same weekday of the past
// SPIKE_BASELINE_WEEKS weeks. Those days are over, so the counts are kept for the day and
// read once, not on every evaluation; a commit that reaches back to an earlier day (a late
// record, a backfill) lets go of its counties.
import { COUNTER } from '../metrics/counter-keys'
import type { ReadContext } from '../metrics/metric-loader'
import { addCalendarDays } from '../time/zoned-time'
import { SPIKE_BASELINE_WEEKS } from './alert-rules'

export const COMPLAINTS = COUNTER.intakeByType('complaint')

export class SpikeBaselines {
  /** the local day the kept baselines are for */
  #day: string | undefined
  readonly #counts = new Map<string, readonly number[]>()

  /** Each county's baseline counts for `ctx.today`, oldest week last. */
  async of(ctx: ReadContext, codes: readonly string[]): Promise<ReadonlyMap<string, readonly number[]>> {
    if (this.#day !== ctx.today) {
      this.#day = ctx.today
      this.#counts.clear()
    }
    const missing = codes.filter((code) => !this.#counts.has(code))
    if (missing.length > 0) {
      const weeks = await Promise.all(
        Array.from({ length: SPIKE_BASELINE_WEEKS }, (_, index) => {
          const day = addCalendarDays(ctx.today, -7 * (index + 1))
          return ctx.loader.sums(missing, [COMPLAINTS], { from: day, to: day })
        }),
      )
      for (const code of missing) this.#counts.set(code, weeks.map((sums) => sums.get(code)?.get(COMPLAINTS) ?? 0))
    }
    return this.#counts
  }

  /** A commit changed these counties' counts on days before today. */
  forget(codes: Iterable<string>): void {
    for (const code of codes) this.#counts.delete(code)
  }

  /** The day whose baselines are kept, if any: a commit on another day may change them. */
  get day(): string | undefined {
    return this.#day
  }
}
