// The duty desk's calls: alerts (server/alerts) and follow-up tasks (server/tasks), as
// shared/alerts.ts and shared/tasks.ts fix them. Every change sends the session's CSRF token.
import { type Alert, AlertDetail, AlertList, type AlertRule, type SnoozeRequest } from '../../../shared/alerts'
import { CSRF_HEADER } from '../../../shared/session'
import { type CreateTaskRequest, Task, TaskDetail, TaskList, type TaskStepRequest } from '../../../shared/tasks'
import { getJson, sendJson } from '../http/json'

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined))
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

export class DeskApi {
  constructor(private readonly csrfToken: string) {}

  private get headers() {
    return { [CSRF_HEADER]: this.csrfToken }
  }

  async openAlerts(region: string, rule?: AlertRule): Promise<Alert[]> {
    return (await getJson(`/api/v1/alerts${query({ region, rule, state: 'open' })}`, AlertList)).alerts
  }

  alert(id: string) {
    return getJson(`/api/v1/alerts/${encodeURIComponent(id)}`, AlertDetail)
  }

  acknowledgeAlert(id: string): Promise<unknown> {
    return sendJson('POST', `/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, { headers: this.headers })
  }

  snoozeAlert(id: string, request: SnoozeRequest): Promise<unknown> {
    return sendJson('POST', `/api/v1/alerts/${encodeURIComponent(id)}/snooze`, { body: request, headers: this.headers })
  }

  /** What the board shows: open tasks and those closed today (the server's default `closedSince`, today in the command centre's zone). */
  async tasks(region: string): Promise<Task[]> {
    return (await getJson(`/api/v1/tasks${query({ region })}`, TaskList)).tasks
  }

  task(id: string) {
    return getJson(`/api/v1/tasks/${encodeURIComponent(id)}`, TaskDetail)
  }

  createTask(request: CreateTaskRequest) {
    return sendJson('POST', '/api/v1/tasks', { body: request, headers: this.headers, schema: Task })
  }

  step(id: string, request: TaskStepRequest) {
    return sendJson('POST', `/api/v1/tasks/${encodeURIComponent(id)}/steps`, { body: request, headers: this.headers, schema: TaskDetail })
  }
}
