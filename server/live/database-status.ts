// Whether this instance can read its database, as screens are told in every heartbeat.
// Learnt from the live reads themselves and from a probe before each heartbeat, so a
// quiet wall learns of an outage too; told once per change in the log.
import { type Kysely, sql } from 'kysely'
import type { FastifyBaseLogger } from 'fastify'
import type { Heartbeat } from '../../shared/live'
import type { Database } from '../db/schema'

export class DatabaseStatus {
  #reachable = true

  constructor(
    private readonly log: FastifyBaseLogger,
    /** the database is back after an outage: whatever changed meanwhile must be read again */
    private readonly onRecovered: () => void,
  ) {}

  get heartbeatValue(): Heartbeat['database'] {
    return this.#reachable ? 'reachable' : 'unreachable'
  }

  /** What a read just told; `error` for the log when it failed. */
  report(reachable: boolean, error?: unknown): void {
    if (reachable === this.#reachable) return
    this.#reachable = reachable
    if (reachable) {
      this.log.info('database reachable again: every live view is read again')
      this.onRecovered()
    } else {
      this.log.warn({ err: error }, 'database unreachable: screens are told their data is not current')
    }
  }

  /**
   * A trivial statement, bounded in time: a database that does not answer within
   * `timeoutMs` counts as unreachable, and so does one whose commits this instance
   * cannot hear of (`hearing` false).
   */
  async probe(db: Kysely<Database>, timeoutMs: number, hearing: () => boolean = () => true): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      await Promise.race([sql`select 1`.execute(db), timeout])
      if (!hearing()) throw new Error("not listening for other instances' commits")
      this.report(true)
    } catch (error) {
      this.report(false, error)
    } finally {
      clearTimeout(timer)
    }
  }
}
