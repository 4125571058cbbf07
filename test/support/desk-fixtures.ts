// Alerts and tasks as the server's contract (shared/alerts.ts, shared/tasks.ts) words them, for
// screens tested before or beside the server parts that make them: instants near now, in the
// command centre's +08:00, deadlines on the official calendar's working days.
import chineseDays from 'chinese-days'
import type { Alert } from '../../shared/alerts'
import type { TaskFigures, Task, TaskDetail } from '../../shared/tasks'
import { chinaDate, formatChinaTime } from '../../server/demo/china-time'

const MINUTE_MS = 60_000

export function alertOf(overrides: Partial<Alert> & Pick<Alert, 'id' | 'severity'>, nowMs = Date.now()): Alert {
  return {
    rule: 'complaint_spike',
    regionCode: '510104',
    regionName: '锦江区',
    subject: '',
    state: 'firing',
    figures: { count: 42, baseline: 12 },
    message: { zh: '投诉量较基线激增 250%', en: 'Complaints 250% above baseline' },
    firstSeenAt: formatChinaTime(nowMs - 90 * MINUTE_MS),
    lastSeenAt: formatChinaTime(nowMs - 5 * MINUTE_MS),
    resolvedAt: null,
    snoozedUntil: null,
    snoozeReason: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    link: '/wall/complaints/510104',
    children: [],
    ...overrides,
  }
}

/** End of the local working day `workingDays` from today (negative: before it). */
export function dueAfterWorkingDays(workingDays: number, nowMs = Date.now()): string {
  return `${chineseDays.findWorkday(workingDays, chinaDate(nowMs))}T23:59:59+08:00`
}

export function taskOf(overrides: Partial<Task> & Pick<Task, 'id' | 'title'>, nowMs = Date.now()): TaskDetail {
  const actor = { id: 'u-duty', name: '值班员张敏', role: 'duty_officer' }
  return {
    alertId: null,
    regionCode: '510104',
    regionName: '锦江区',
    instructions: '请核查情况，采取措施并按期反馈。',
    priority: 'normal',
    state: 'assigned',
    clock: 'on_time',
    escalated: false,
    escalatedTo: null,
    dueAt: dueAfterWorkingDays(3, nowMs),
    acknowledgeDueAt: dueAfterWorkingDays(1, nowMs),
    extensionRequestedUntil: null,
    dispatchedBy: actor,
    dispatchedAt: formatChinaTime(nowMs - 120 * MINUTE_MS),
    closedAt: null,
    history: [{ action: 'dispatch', actor, at: formatChinaTime(nowMs - 120 * MINUTE_MS), text: null, details: {} }],
    ...overrides,
  }
}

/** A city's 督办 figures with work in three districts, one overdue. */
export const CHENGDU_TASK_FIGURES: TaskFigures = {
  open: 7,
  dueSoon: 2,
  overdue: 1,
  closedToday: 3,
  byRegion: { '510104': { open: 4, overdue: 1 }, '510105': { open: 2, overdue: 0 }, '510107': { open: 1, overdue: 0 } },
}
