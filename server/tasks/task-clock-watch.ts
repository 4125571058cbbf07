// Deadlines pass without anyone taking a step: each second, the regions of open tasks whose
// clocks moved since the last look (a deadline passed, or came within the due-soon window)
// are published as changed, so walls and the tasks_overdue metric move at the deadline.
import type { FastifyInstance } from 'fastify'
import { runEvery } from '../jobs/interval-job'
import { type TaskTimeSource, dueSoonLimit } from './task-clocks'
import { regionsOfDeadlinesBetween } from './tasks-repository'

/** The regions of open tasks whose clock state changes between `from` and `until`. */
export async function regionsWhoseClocksMoved(app: FastifyInstance, from: Date, until: Date, timeZone: string): Promise<string[]> {
  const [overdue, dueSoon] = await Promise.all([
    // Overdue from the millisecond after the deadline: deadlines in [from, until) passed.
    regionsOfDeadlinesBetween(app.database.db, new Date(from.getTime() - 1), new Date(until.getTime() - 1)),
    regionsOfDeadlinesBetween(app.database.db, dueSoonLimit(from, timeZone), dueSoonLimit(until, timeZone)),
  ])
  return [...new Set([...overdue, ...dueSoon])]
}

export function watchTaskClocks(app: FastifyInstance, clock: TaskTimeSource, timeZone: string, intervalMs: number): void {
  let lastLook = clock.now()
  runEvery(app, intervalMs, 'task clock watch', async () => {
    const now = clock.now()
    if (now <= lastLook) return
    const regionCodes = await regionsWhoseClocksMoved(app, lastLook, now, timeZone)
    lastLook = now
    if (regionCodes.length > 0) app.events.tasksChanged.publish({ regionCodes })
  })
}
