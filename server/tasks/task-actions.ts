// Dispatching and stepping a task, with the checks, the write and the live event: what the
// task routes do for a person's request, and what the demo's duty desk does for its people.
import type { Kysely } from 'kysely'
import { ALERT_RULES, type AlertRule } from '../../shared/alerts'
import { ACKNOWLEDGE_WORKING_DAYS, ALERT_TASK_WORKING_DAYS, type CreateTaskRequest, MAP_TASK_WORKING_DAYS, type TaskStepRequest } from '../../shared/tasks'
import { forbiddenDetail } from '../access/principal-of'
import { type Principal, allows } from '../access/roles'
import { afterWorkingDays } from '../clocks/statutory-deadlines'
import type { Database } from '../db/schema'
import { HttpProblem } from '../http/problem'
import type { RegionTree } from '../regions/region-tree'
import { type StepRefusal, decideStep, isRefusal } from './task-steps'
import { steppedTaskOf } from './task-views'
import { type TaskRow, insertTask, writeStep } from './tasks-repository'

export interface TaskActionContext {
  db: Kysely<Database>
  regions: RegionTree
  timeZone: string
  now: Date
  /** publishes tasksChanged for the regions, after the commit */
  tasksChanged(...regionCodes: string[]): void
}

export function problemOf(refusal: StepRefusal): HttpProblem {
  const errors = refusal.field === undefined ? undefined : [{ field: refusal.field, message: refusal.reason }]
  const title = refusal.status === 403 ? 'Forbidden' : refusal.status === 409 ? 'Wrong step for the task' : 'Step refused'
  return new HttpProblem(refusal.status, title, refusal.reason, errors, refusal.code)
}

export const actorOf = (principal: Principal) => ({ id: principal.id, name: 'name' in principal ? principal.name : principal.id, role: principal.role })

/** Dispatches the task (docs/tasks.md#dispatch), or throws the problem that refuses it; nothing is written then. */
export async function dispatchTask(context: TaskActionContext, principal: Principal, body: CreateTaskRequest): Promise<TaskRow> {
  const { db, regions, timeZone, now } = context
  if (!regions.has(body.region)) throw problemOf({ status: 422, code: 'task_request_refused', field: 'body.region', reason: `region ${body.region} is not a region of ${regions.province.name}` })
  if (!allows(principal, 'raise_task', body.region, regions)) throw new HttpProblem(403, 'Forbidden', forbiddenDetail(principal, 'raise_task', body.region))
  let rule: AlertRule | undefined
  if (body.alertId !== undefined) {
    const alert = await db.selectFrom('alerts').select(['rule', 'region_code']).where('id', '=', body.alertId).executeTakeFirst()
    if (alert === undefined || !allows(principal, 'read', alert.region_code, regions)) throw new HttpProblem(404, 'Not found', `no alert ${body.alertId} lies in your scope`)
    rule = (ALERT_RULES as readonly string[]).includes(alert.rule) ? (alert.rule as AlertRule) : undefined
  }
  const dueWorkingDays = body.dueWorkingDays ?? (rule === undefined ? MAP_TASK_WORKING_DAYS : ALERT_TASK_WORKING_DAYS[rule])
  if (dueWorkingDays < 1) throw problemOf({ status: 422, code: 'task_request_refused', field: 'body.dueWorkingDays', reason: `a deadline ${dueWorkingDays} working days from today is not in the future: give at least 1` })
  const row = await insertTask(
    db,
    {
      alertId: body.alertId ?? null,
      regionCode: body.region,
      title: body.title,
      instructions: body.instructions,
      priority: body.priority ?? 'normal',
      dueAt: afterWorkingDays(now, dueWorkingDays, timeZone),
      acknowledgeDueAt: afterWorkingDays(now, ACKNOWLEDGE_WORKING_DAYS, timeZone),
    },
    actorOf(principal),
    now,
    { region: body.region, dueWorkingDays },
  )
  context.tasksChanged(row.region_code)
  return row
}

/** Takes the step on the task as read (`row`), or throws the problem that refuses it: a step someone else took first is 409 `conflict`. */
export async function stepTask(context: TaskActionContext, principal: Principal, row: TaskRow, request: TaskStepRequest): Promise<TaskRow> {
  const outcome = decideStep(steppedTaskOf(row), request, principal, context.now, context.regions, context.timeZone)
  if (isRefusal(outcome)) throw problemOf(outcome)
  const written = await writeStep(context.db, row.id, row.version, outcome.task, outcome.entry, actorOf(principal), context.now)
  if (written === undefined) throw new HttpProblem(409, 'Conflict', 'another step moved the task at the same time: read it again and decide', undefined, 'conflict')
  context.tasksChanged(...new Set([row.region_code, written.region_code]))
  return written
}
