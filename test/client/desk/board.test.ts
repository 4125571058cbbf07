import { describe, expect, it } from 'vitest'
import { clockOf, groupBoard } from '../../../client/src/desk/board'
import { taskOf } from './task-fixture'

const NOW = Date.parse('2026-12-04T15:00:00+08:00')
const ids = (tasks: readonly { id: string }[]) => tasks.map((task) => task.id)

describe('the task board', () => {
  it('puts each state in its column: acknowledged and returned are both in progress', () => {
    const board = groupBoard(
      [
        taskOf({ id: 'a', state: 'assigned' }),
        taskOf({ id: 'b', state: 'acknowledged' }),
        taskOf({ id: 'c', state: 'returned' }),
        taskOf({ id: 'd', state: 'answered' }),
        taskOf({ id: 'e', state: 'rejected' }),
        taskOf({ id: 'f', state: 'closed', closedAt: '2026-12-04T11:00:00+08:00' }),
      ],
      NOW,
    )
    expect(Object.fromEntries(Object.entries(board).map(([column, tasks]) => [column, ids(tasks)]))).toEqual({
      assigned: ['a'],
      in_progress: ['b', 'c'],
      answered: ['d'],
      rejected: ['e'],
      closed_today: ['f'],
    })
  })

  it('shows closed tasks only on the day they closed, newest first', () => {
    const board = groupBoard(
      [
        taskOf({ id: 'yesterday', state: 'closed', closedAt: '2026-12-03T18:00:00+08:00' }),
        taskOf({ id: 'morning', state: 'closed', closedAt: '2026-12-04T09:00:00+08:00' }),
        taskOf({ id: 'noon', state: 'closed', closedAt: '2026-12-04T12:00:00+08:00' }),
      ],
      NOW,
    )
    expect(ids(board.closed_today)).toEqual(['noon', 'morning'])
  })

  it('puts the earliest deadline first, then the more urgent', () => {
    const board = groupBoard(
      [
        taskOf({ id: 'later', dueAt: '2026-12-10T23:59:59+08:00', priority: 'urgent' }),
        taskOf({ id: 'normal', dueAt: '2026-12-08T23:59:59+08:00', priority: 'normal' }),
        taskOf({ id: 'urgent', dueAt: '2026-12-08T23:59:59+08:00', priority: 'urgent' }),
      ],
      NOW,
    )
    expect(ids(board.assigned)).toEqual(['urgent', 'normal', 'later'])
  })

  it('counts no deadline for a closed task', () => {
    expect(clockOf(taskOf({ id: 'x', state: 'closed', closedAt: '2026-12-04T09:00:00+08:00' }), NOW)).toBeNull()
    expect(clockOf(taskOf({ id: 'y', dueAt: '2026-12-03T23:59:59+08:00' }), NOW)).toEqual({ clock: 'overdue', workingDays: 1 })
  })
})
