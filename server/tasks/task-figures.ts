// A region's tasks as the wall's 督办 panel and the tasks_overdue metric read them: the
// open tasks of its subtree against their clocks now, those closed today, and per child.
import type { Kysely } from 'kysely'
import type { TaskFigures } from '../../shared/tasks'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { addCalendarDays, endOfLocalDay, localDateOf } from '../time/zoned-time'
import { clockOf } from './task-clocks'
import { tasksForFigures } from './tasks-repository'

export const noTaskFigures = (): TaskFigures => ({ open: 0, dueSoon: 0, overdue: 0, closedToday: 0, byRegion: {} })

/** The first instant of `now`'s local day. */
export const startOfLocalDay = (now: Date, timeZone: string): Date => new Date(endOfLocalDay(addCalendarDays(localDateOf(now, timeZone), -1), timeZone).getTime() + 1)

/** Figures of each subject region's subtree, in one statement; every subject is in the answer. */
export async function readTaskFigures(db: Kysely<Database>, regions: RegionTree, subjectCodes: readonly string[], now: Date, timeZone: string): Promise<Map<string, TaskFigures>> {
  const figures = new Map(subjectCodes.map((code) => [code, noTaskFigures()]))
  if (subjectCodes.length === 0) return figures
  const rows = await tasksForFigures(db, subjectCodes.map((code) => regions.subtreePrefix(code)), startOfLocalDay(now, timeZone))
  for (const row of rows) {
    const clock = clockOf({ state: row.state, dueAt: new Date(row.due_at), acknowledgeDueAt: new Date(row.acknowledge_due_at) }, now, timeZone)
    for (const [code, subject] of figures) {
      if (!regions.contains(code, row.region_code)) continue
      if (row.state === 'closed') {
        subject.closedToday += 1
        continue
      }
      subject.open += 1
      if (clock === 'due_soon') subject.dueSoon += 1
      if (clock === 'overdue') subject.overdue += 1
      const child = regions.children(code).find((candidate) => regions.contains(candidate.code, row.region_code))?.code ?? code
      const entry = (subject.byRegion[child] ??= { open: 0, overdue: 0 })
      entry.open += 1
      if (clock === 'overdue') entry.overdue += 1
    }
  }
  return figures
}
