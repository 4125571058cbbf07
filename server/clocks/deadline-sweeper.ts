// Moves the counters across deadlines as time passes: an open item whose deadline
// passed counts as due (and not on time) from that moment, without any new record.
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { CounterChanges } from '../counters/counter-store'
import type { Database } from '../db/schema'
import { lockWrites, nextCommitGeneration } from '../db/write-lock'
import type { ClocksSwept } from '../events/clocks-swept'
import { runEvery } from '../jobs/interval-job'
import type { RegionTree } from '../regions/region-tree'
import { localDateOf } from '../time/zoned-time'
import { clocksFallingDue, setSweptUntil, sweptUntil } from './open-clocks-repository'
import { CLOCK_COUNTERS, type ClockName } from './statutory-clocks'

/** Counts the deadlines that passed since the last sweep, up to `until`; returns what that changed, if any passed. */
export async function sweepDeadlines(db: Kysely<Database>, regions: RegionTree, timeZone: string, until: Date): Promise<ClocksSwept | undefined> {
  return db.transaction().execute(async (trx) => {
    await lockWrites(trx)
    const from = await sweptUntil(trx)
    if (until <= from) return undefined
    const crossed = await clocksFallingDue(trx, from, until)
    const changes = new CounterChanges(regions)
    for (const row of crossed) {
      const add = changes.sink(row.region_code, 1)
      const counters = CLOCK_COUNTERS[row.clock as ClockName]
      const dueDay = localDateOf(new Date(row.due_at), timeZone)
      add(counters.due, dueDay, 1)
      add(counters.overdueOpen, dueDay, 1)
    }
    await changes.write(trx)
    await setSweptUntil(trx, until)
    if (crossed.length === 0) return undefined
    return { generation: await nextCommitGeneration(trx), changes: changes.deltas() }
  })
}

export interface DeadlineSweeperOptions {
  timeZone: string
  intervalMs: number
}

export default fp<DeadlineSweeperOptions>(
  async (app, options) => {
    runEvery(app, options.intervalMs, 'deadline sweep', async () => {
      const swept = await sweepDeadlines(app.database.db, app.regions, options.timeZone, new Date())
      if (swept !== undefined) app.events.clocksSwept.publish(swept)
    })
  },
  { name: 'deadline-sweeper', dependencies: ['database', 'regions', 'events'] },
)
