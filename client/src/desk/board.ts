// The desk's task board: a column per stage of a task's life, the most pressing first in each.
import type { Task, TaskState } from '../../../shared/tasks'
import { countdown, isToday } from './countdown'

export const BOARD_COLUMNS = ['assigned', 'in_progress', 'answered', 'rejected', 'closed_today'] as const
export type BoardColumn = (typeof BOARD_COLUMNS)[number]

const COLUMN_OF_STATE: Record<TaskState, BoardColumn> = {
  assigned: 'assigned',
  acknowledged: 'in_progress',
  returned: 'in_progress',
  answered: 'answered',
  rejected: 'rejected',
  closed: 'closed_today',
}

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2 } as const

/** Earliest deadline first, then the more urgent, then by id: the same tasks always in the same order. */
function comparePressing(a: Task, b: Task): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The tasks by column; closed tasks only when closed today, newest closed first. */
export function groupBoard(tasks: readonly Task[], nowMs: number): Record<BoardColumn, Task[]> {
  const board: Record<BoardColumn, Task[]> = { assigned: [], in_progress: [], answered: [], rejected: [], closed_today: [] }
  for (const task of tasks) {
    if (task.state === 'closed' && (task.closedAt === null || !isToday(task.closedAt, nowMs))) continue
    board[COLUMN_OF_STATE[task.state]].push(task)
  }
  for (const column of BOARD_COLUMNS) board[column].sort(comparePressing)
  board.closed_today.sort((a, b) => Date.parse(b.closedAt ?? '') - Date.parse(a.closedAt ?? ''))
  return board
}

/** Where a task stands against its deadline now: a closed one stands nowhere. */
export function clockOf(task: Task, nowMs: number) {
  return task.state === 'closed' ? null : countdown(task.dueAt, nowMs)
}
