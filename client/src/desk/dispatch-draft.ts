// A task dispatched from an alert starts filled in: its region, a title from its message, the
// rule's working days (shared with the server's default) and a priority from its severity; the officer may change any of it.
import type { Alert, AlertSeverity } from '../../../shared/alerts'
import { ALERT_TASK_WORKING_DAYS, type CreateTaskRequest, MAP_TASK_WORKING_DAYS, type TaskPriority } from '../../../shared/tasks'

const PRIORITY_OF_SEVERITY: Record<AlertSeverity, TaskPriority> = { critical: 'urgent', major: 'high', minor: 'normal' }

export type DispatchDraft = Required<Omit<CreateTaskRequest, 'alertId'>> & { alertId?: string }

/** Titles are kept in Chinese, the language of the record; at most the contract's 200 characters. */
export function draftFromAlert(alert: Alert): DispatchDraft {
  return {
    alertId: alert.id,
    region: alert.regionCode,
    title: alert.message.zh.slice(0, 200),
    instructions: `请核查${alert.regionName}${alert.message.zh}的情况，采取措施并按期反馈。`,
    dueWorkingDays: ALERT_TASK_WORKING_DAYS[alert.rule],
    priority: PRIORITY_OF_SEVERITY[alert.severity],
  }
}

export function draftForRegion(region: string): DispatchDraft {
  return { region, title: '', instructions: '', dueWorkingDays: MAP_TASK_WORKING_DAYS, priority: 'normal' }
}
