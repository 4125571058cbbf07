// Live mode: every tick, the records of the time since the last tick (at `speed`
// times Sichuan's volume) go through ingest, stamped with the time they happen.
import type { FastifyBaseLogger } from 'fastify'
import type { DemoGenerator } from './generator'
import { type PostRecords, ServerClosing } from './ingest-client'

export interface LiveOptions {
  /** 1 = the real volume, a couple of records a minute; the wall wants more */
  speed: number
  tickMs: number
  /** the clock records are generated up to (Date.now; tests hold it) */
  now?: () => number
}

export class LiveSimulator {
  readonly #generator: DemoGenerator
  readonly #post: PostRecords
  readonly #log: FastifyBaseLogger
  readonly #options: LiveOptions
  #timer: NodeJS.Timeout | undefined
  #inFlight: Promise<void> | undefined
  #stopped = false
  #until = 0

  constructor(generator: DemoGenerator, post: PostRecords, log: FastifyBaseLogger, options: LiveOptions) {
    this.#generator = generator
    this.#post = post
    this.#log = log
    this.#options = options
  }

  /** continues from `from` (the end of any history generated before) */
  start(from: number): void {
    if (this.#stopped || this.#timer !== undefined) return
    this.#until = from
    this.#timer = setInterval(() => this.#tick(), this.#options.tickMs)
  }

  /** no ingest after this resolves */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#inFlight
  }

  #tick(): void {
    // A slow ingest skips ticks; the next one covers the whole gap.
    if (this.#stopped || this.#inFlight !== undefined) return
    const now = (this.#options.now ?? Date.now)()
    const records = this.#generator.generate(this.#until, now, this.#options.speed)
    this.#until = now
    if (records.length === 0) return
    this.#inFlight = this.#post(records)
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!(error instanceof ServerClosing)) this.#log.error({ err: error }, 'demo: live records could not be ingested')
      })
      .finally(() => (this.#inFlight = undefined))
  }
}
