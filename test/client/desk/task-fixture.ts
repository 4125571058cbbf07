// A task as the server answers it, with what a test cares about set.
import type { Task } from '../../../shared/tasks'

export function taskOf(overrides: Partial<Task> & Pick<Task, 'id'>): Task {
  const actor = { id: 'u-duty', name: 'duty_officer', role: 'duty_officer' }
  return {
    alertId: null,
    regionCode: '510104',
    regionName: '锦江区',
    title: `督办 ${overrides.id}`,
    instructions: '核查并反馈',
    priority: 'normal',
    state: 'assigned',
    clock: 'on_time',
    escalated: false,
    escalatedTo: null,
    dueAt: '2026-12-08T23:59:59+08:00',
    acknowledgeDueAt: '2026-12-04T23:59:59+08:00',
    extensionRequestedUntil: null,
    dispatchedBy: actor,
    dispatchedAt: '2026-12-04T09:00:00+08:00',
    closedAt: null,
    ...overrides,
  }
}
