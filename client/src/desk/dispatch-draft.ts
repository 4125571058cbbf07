// A task dispatched from an alert starts filled in: its region, a title from its message, the
// rule's usual working days and a priority from its severity; the officer may change any of it.
import type { Alert, AlertRule, AlertSeverity } from '../../../shared/alerts'
import type { CreateTaskRequest, TaskPriority } from '../../../shared/tasks'

/** How long a unit usually gets to deal with what a rule raises, in working days. */
export const DEFAULT_WORKING_DAYS: Record<AlertRule, number> = {
  major_case: 1,
  food_failures: 2,
  complaint_spike: 2,
  hazard_unfixed: 3,
  overdue_backlog: 3,
  campaign_lagging: 5,
}
/** For a task raised by hand, not from an alert. */
export const MANUAL_WORKING_DAYS = 3

const PRIORITY_OF_SEVERITY: Record<AlertSeverity, TaskPriority> = { critical: 'urgent', major: 'high', minor: 'normal' }

export type DispatchDraft = Required<Omit<CreateTaskRequest, 'alertId'>> & { alertId?: string }

/** Titles are kept in Chinese, the language of the record; at most the contract's 200 characters. */
export function draftFromAlert(alert: Alert): DispatchDraft {
  return {
    alertId: alert.id,
    region: alert.regionCode,
    title: alert.message.zh.slice(0, 200),
    instructions: `请核查${alert.regionName}${alert.message.zh}的情况，采取措施并按期反馈。`,
    dueWorkingDays: DEFAULT_WORKING_DAYS[alert.rule],
    priority: PRIORITY_OF_SEVERITY[alert.severity],
  }
}

export function draftForRegion(region: string): DispatchDraft {
  return { region, title: '', instructions: '', dueWorkingDays: MANUAL_WORKING_DAYS, priority: 'normal' }
}
