// Moves the counters across deadlines as time passes: an open item whose deadline
// passed counts as due (and not on time) from that moment, without any new record.
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { clocksFallingDue, setSweptUntil, sweptUntil } from '../clocks/open-clocks-repository'
import type { ClockName } from '../clocks/statutory-clocks'
import type { Database } from '../db/schema'
import { runEvery } from '../jobs/interval-job'
import { COUNTER } from '../metrics/counter-keys'
import { CounterChanges } from '../metrics/counter-store'
import type { ClocksSwept } from '../events/clocks-swept'
import type { RegionTree } from '../regions/region-tree'
import { localDateOf } from '../time/zoned-time'
import { lockIngest, nextCommitGeneration } from './records-repository'

/** Counts the deadlines that passed since the last sweep, up to `until`; returns what that changed, if any passed. */
export async function sweepDeadlines(db: Kysely<Database>, regions: RegionTree, timeZone: string, until: Date): Promise<ClocksSwept | undefined> {
  return db.transaction().execute(async (trx) => {
    await lockIngest(trx)
    const from = await sweptUntil(trx)
    if (until <= from) return undefined
    const crossed = await clocksFallingDue(trx, from, until)
    const changes = new CounterChanges(regions)
    for (const row of crossed) {
      const add = changes.sink(row.region_code, 1)
      const clock = row.clock as ClockName
      const dueDay = localDateOf(new Date(row.due_at), timeZone)
      add(COUNTER.clockDue(clock), dueDay, 1)
      add(COUNTER.clockOverdueOpen(clock), dueDay, 1)
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
