// Fills the demo's planned history through ingest, part by part, keeping the plan's
// progress in the database (a restart carries on) and telling the log and the screens
// how far it is.
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { backfill, formatDuration } from './backfill'
import type { DemoGenerator } from './generator'
import type { PostRecords } from './ingest-client'
import { type HistoryPart, type HistoryPlan, filledShare, isFilled, recordHistoryFilled } from './history-progress'

export interface HistoryFillDeps {
  db: Kysely<Database>
  post: PostRecords
  log: FastifyBaseLogger
  shouldStop: () => boolean
  /** whole percent filled, on each change; null once done */
  progress: (percent: number | null) => void
}

/** The log tells every this many percent. */
const LOG_STEP_PERCENT = 5

const iso = (at: number) => new Date(at).toISOString()

export class HistoryFill {
  readonly #plan: HistoryPlan
  readonly #deps: HistoryFillDeps
  readonly #started = performance.now()
  readonly #shareAtStart: number
  #records = 0
  #percent = -1

  constructor(plan: HistoryPlan, deps: HistoryFillDeps) {
    this.#plan = { recent: { ...plan.recent }, yearEarlier: plan.yearEarlier === undefined ? undefined : { ...plan.yearEarlier } }
    this.#deps = deps
    this.#shareAtStart = filledShare(this.#plan)
    this.#tell()
  }

  get records(): number {
    return this.#records
  }

  get elapsedMs(): number {
    return performance.now() - this.#started
  }

  get done(): boolean {
    return isFilled(this.#plan.recent) && isFilled(this.#plan.yearEarlier)
  }

  /** how far each part is stored, for the log */
  describe(): string {
    const { recent, yearEarlier } = this.#plan
    const earlier = yearEarlier === undefined ? '' : ` and the year earlier up to ${iso(yearEarlier.filledUntil)}`
    return `filled up to ${iso(recent.filledUntil)}${earlier}`
  }

  /** Fills one part with `generator`, from where it is filled. */
  async fill(part: HistoryPart, generator: DemoGenerator): Promise<void> {
    const span = this.#plan[part]
    if (span === undefined || isFilled(span)) return
    const { db, post, shouldStop } = this.#deps
    await backfill(
      generator,
      async (records) => {
        const result = await post(records)
        this.#records += records.length
        return result
      },
      {
        from: span.filledUntil,
        to: span.to,
        window: 'hour',
        shouldStop,
        onPosted: async (until) => {
          span.filledUntil = until
          await recordHistoryFilled(db, part, until)
          this.#tell()
        },
      },
    )
  }

  /** The screens stop saying the history is being generated. */
  finish(): void {
    this.#deps.progress(null)
  }

  #tell(): void {
    const share = filledShare(this.#plan)
    const percent = Math.floor(share * 100)
    if (percent === this.#percent) return
    const lastLogged = Math.floor(this.#percent / LOG_STEP_PERCENT)
    this.#percent = percent
    this.#deps.progress(percent)
    if (Math.floor(percent / LOG_STEP_PERCENT) === lastLogged || share <= this.#shareAtStart) return
    const elapsed = this.elapsedMs
    const eta = (elapsed * (1 - share)) / (share - this.#shareAtStart)
    const rate = Math.round(this.#records / (elapsed / 1000))
    this.#deps.log.info(`demo: history ${percent}%, ${this.#records.toLocaleString('en')} records at ${rate.toLocaleString('en')} records/s, ETA ${formatDuration(eta)}`)
  }
}
