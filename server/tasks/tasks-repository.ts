// Tasks and their steps in the database. A write is one transaction: the task's row moves
// only from the version its writer saw (a concurrent step loses, 409), and its step is
// appended to task_steps with the version it made as its sequence number.
import { randomUUID } from 'node:crypto'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { TaskAction, TaskPriority, TaskState } from '../../shared/tasks'
import type { Database, TaskStepsTable, TasksTable } from '../db/schema'
import type { TaskChange } from './task-steps'

export type TaskRow = Selectable<TasksTable>
export type TaskStepRow = Selectable<TaskStepsTable>

/** Who took a step: the person's id, name and role. */
export interface StepActor {
  id: string
  name: string
  role: string
}

export interface NewTask {
  alertId: string | null
  regionCode: string
  title: string
  instructions: string
  priority: TaskPriority
  dueAt: Date
  acknowledgeDueAt: Date
}

export interface NewStep {
  action: 'dispatch' | TaskAction
  text: string | null
  details: Record<string, string | number | null>
}

/** Writes the task, assigned, with its dispatch as the history's first entry. */
export async function insertTask(db: Kysely<Database>, task: NewTask, actor: StepActor, at: Date, details: NewStep['details']): Promise<TaskRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('tasks')
      .values({
        id: randomUUID(),
        alert_id: task.alertId,
        region_code: task.regionCode,
        title: task.title,
        instructions: task.instructions,
        priority: task.priority,
        state: 'assigned',
        due_at: task.dueAt,
        acknowledge_due_at: task.acknowledgeDueAt,
        dispatched_by: actor.id,
        dispatched_by_name: actor.name,
        dispatched_by_role: actor.role,
        dispatched_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendStep(trx, row.id, row.version, { action: 'dispatch', text: null, details }, actor, at)
    return row
  })
}

/**
 * Moves the task from `version` to what the step decided and appends the step, or
 * undefined when another step moved it first (nothing is written then).
 */
export async function writeStep(db: Kysely<Database>, id: string, version: number, change: TaskChange, step: NewStep, actor: StepActor, at: Date): Promise<TaskRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('tasks')
      .set({
        region_code: change.regionCode,
        state: change.state,
        due_at: change.dueAt,
        acknowledge_due_at: change.acknowledgeDueAt,
        extension_requested_until: change.extensionRequestedUntil,
        closed_at: change.closedAt,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst()
    if (row !== undefined) await appendStep(trx, id, row.version, step, actor, at)
    return row
  })
}

async function appendStep(db: Kysely<Database>, taskId: string, seq: number, step: NewStep, actor: StepActor, at: Date): Promise<void> {
  await db
    .insertInto('task_steps')
    .values({ task_id: taskId, seq, action: step.action, actor_id: actor.id, actor_name: actor.name, actor_role: actor.role, at, text: step.text, details: JSON.stringify(step.details) })
    .execute()
}

export function findTask(db: Kysely<Database>, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The task's history, oldest first. */
export function stepsOf(db: Kysely<Database>, id: string): Promise<TaskStepRow[]> {
  return db.selectFrom('task_steps').selectAll().where('task_id', '=', id).orderBy('seq').execute()
}

export interface TaskFilter {
  /** LIKE pattern of the subtree's codes */
  subtreePrefix: string
  states: readonly TaskState[] | undefined
  /** closed tasks only when closed at or after this */
  closedSince: Date
}

/** The tasks of a subtree, open or closed since `closedSince`, soonest deadline first. */
export function listTasks(db: Kysely<Database>, filter: TaskFilter): Promise<TaskRow[]> {
  let query = db.selectFrom('tasks').selectAll().where('region_code', 'like', `${filter.subtreePrefix}%`)
  if (filter.states !== undefined) query = query.where('state', 'in', [...filter.states])
  query = query.where((eb) => eb.or([eb('state', '<>', 'closed'), eb('closed_at', '>=', filter.closedSince)]))
  return query.orderBy('due_at').orderBy('id').execute()
}

/** What figures are worked out from: open tasks and those closed since `closedSince`, under any of the prefixes. */
export function tasksForFigures(db: Kysely<Database>, subtreePrefixes: readonly string[], closedSince: Date) {
  return db
    .selectFrom('tasks')
    .select(['region_code', 'state', 'due_at', 'acknowledge_due_at', 'closed_at'])
    .where((eb) => eb.or(subtreePrefixes.map((prefix) => eb('region_code', 'like', `${prefix}%`))))
    .where((eb) => eb.or([eb('state', '<>', 'closed'), eb('closed_at', '>=', closedSince)]))
    .execute()
}

/** The regions of open tasks whose deadlines (acknowledge or due) fall in (from, until]: their clocks moved. */
export async function regionsOfDeadlinesBetween(db: Kysely<Database>, from: Date, until: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('region_code')
    .distinct()
    .where('state', '<>', 'closed')
    .where((eb) => eb.or([eb.and([eb('due_at', '>', from), eb('due_at', '<=', until)]), eb.and([eb('acknowledge_due_at', '>', from), eb('acknowledge_due_at', '<=', until)])]))
    .execute()
  return rows.map((row) => row.region_code)
}
