// Where a task stands against its deadline on China's official calendar: on time, due soon
// (its deadline falls on or before the end of the next working day) or overdue (past it).
// While a task waits for its acknowledgement (签收), missing the acknowledge deadline makes
// it overdue too; that deadline is always a day away, so it never counts as due soon.
import type { TaskClock, TaskState } from '../../shared/tasks'
import { afterWorkingDays } from '../clocks/statutory-deadlines'

/** Where task routes and the clock job take the time from: tests set it to cross deadlines without waiting. */
export interface TaskTimeSource {
  now(): Date
}

export interface TaskDeadlines {
  state: TaskState
  dueAt: Date
  acknowledgeDueAt: Date
}

/** The deadline the task is measured by now: the sooner of the two while unacknowledged, else the task's own. */
export function deadlineOf(task: TaskDeadlines): Date {
  return task.state === 'assigned' && task.acknowledgeDueAt < task.dueAt ? task.acknowledgeDueAt : task.dueAt
}

/** The end of the next working day after `now`'s local day: deadlines up to it are due soon. */
export const dueSoonLimit = (now: Date, timeZone: string): Date => afterWorkingDays(now, 1, timeZone)

export function clockOf(task: TaskDeadlines, now: Date, timeZone: string): TaskClock {
  if (task.state === 'closed') return 'on_time'
  const deadline = deadlineOf(task)
  if (deadline < now) return 'overdue'
  return task.dueAt <= dueSoonLimit(now, timeZone) ? 'due_soon' : 'on_time'
}
