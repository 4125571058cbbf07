// Tasks as the API answers them: rows read against the clock, with their history.
import type { Task, TaskDetail, TaskHistoryEntry } from '../../shared/tasks'
import type { RegionTree } from '../regions/region-tree'
import { isoInTimeZone } from '../time/zoned-time'
import { clockOf } from './task-clocks'
import type { SteppedTask } from './task-steps'
import type { TaskRow, TaskStepRow } from './tasks-repository'

export const steppedTaskOf = (row: TaskRow): SteppedTask => ({
  regionCode: row.region_code,
  state: row.state,
  dueAt: new Date(row.due_at),
  acknowledgeDueAt: new Date(row.acknowledge_due_at),
  extensionRequestedUntil: row.extension_requested_until === null ? null : new Date(row.extension_requested_until),
  closedAt: row.closed_at === null ? null : new Date(row.closed_at),
})

export function taskOf(row: TaskRow, regions: RegionTree, now: Date, timeZone: string): Task {
  const at = (instant: Date | string) => isoInTimeZone(new Date(instant), timeZone)
  const task = steppedTaskOf(row)
  const clock = clockOf(task, now, timeZone)
  const escalated = clock === 'overdue'
  return {
    id: row.id,
    alertId: row.alert_id,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    title: row.title,
    instructions: row.instructions,
    priority: row.priority,
    state: row.state,
    clock,
    escalated,
    escalatedTo: escalated ? (regions.get(row.region_code)?.parentCode ?? null) : null,
    dueAt: at(task.dueAt),
    acknowledgeDueAt: at(task.acknowledgeDueAt),
    extensionRequestedUntil: task.extensionRequestedUntil === null ? null : at(task.extensionRequestedUntil),
    dispatchedBy: { id: row.dispatched_by, name: row.dispatched_by_name, role: row.dispatched_by_role },
    dispatchedAt: at(row.dispatched_at),
    closedAt: task.closedAt === null ? null : at(task.closedAt),
  }
}

export function historyEntryOf(step: TaskStepRow, timeZone: string): TaskHistoryEntry {
  return {
    action: step.action as TaskHistoryEntry['action'],
    actor: { id: step.actor_id, name: step.actor_name, role: step.actor_role },
    at: isoInTimeZone(new Date(step.at), timeZone),
    text: step.text,
    details: step.details,
  }
}

export function taskDetailOf(row: TaskRow, steps: readonly TaskStepRow[], regions: RegionTree, now: Date, timeZone: string): TaskDetail {
  return { ...taskOf(row, regions, now, timeZone), history: steps.map((step) => historyEntryOf(step, timeZone)) }
}
