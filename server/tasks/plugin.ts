// Follow-up tasks (督办) over HTTP: dispatch, list, read with history, step; a region's task
// figures; and the clock job that tells live views when a deadline passes (docs/tasks.md).
import fp from 'fastify-plugin'
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { RegionCode } from '../../shared/api'
import {
  ACKNOWLEDGE_WORKING_DAYS,
  CreateTaskRequest,
  MAP_TASK_WORKING_DAYS,
  OPEN_TASK_STATES,
  TaskList,
  TaskDetail,
  TaskFigures,
  TaskStepRequest,
  TasksQuery,
} from '../../shared/tasks'
import { requireCsrfToken } from '../access/csrf'
import { onlyReaders, requireAllowed, requirePrincipal } from '../access/principal-of'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, HttpProblem, OUTSIDE_READ_SCOPE, UNAUTHENTICATED, problemResponses } from '../http/problem'
import { readTaskFigures, startOfLocalDay } from './task-figures'
import { endOfLocalDay } from '../time/zoned-time'
import { refusedNonPerson } from './task-steps'
import { type TaskActionContext, dispatchTask, problemOf, stepTask } from './task-actions'
import { taskDetailOf, taskOf } from './task-views'
import { findTask, listTasks, stepsOf } from './tasks-repository'
import { watchTaskClocks } from './task-clock-watch'
import type { TaskTimeSource } from './task-clocks'

declare module 'fastify' {
  interface FastifyInstance {
    taskClock: TaskTimeSource
  }
}

export interface TasksOptions {
  timeZone: string
  /** how often the clock job looks for deadlines that passed */
  intervalMs: number
}

const TaskParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
const RegionParams = Type.Object({ code: RegionCode })

const NOT_A_PERSON_WHO_TASKS =
  "`forbidden`: the caller is not a person (a screen, a key, the anonymous viewer), its role lacks the step's grant, or the task's region lies outside its scope; `csrf_refused`: the x-csrf-token header is missing or is not this session's token"
const NOT_FOUND = '`not_found`: no task has this id'

/** Only people dispatch and step: a screen, a key or the anonymous viewer is refused before the body is read. */
const onlyPeople: onRequestAsyncHookHandler = async (request) => {
  const refusal = refusedNonPerson(await requirePrincipal(request))
  if (refusal !== undefined) throw problemOf(refusal)
}

const routes: FastifyPluginAsyncTypebox<TasksOptions> = async (app, { timeZone, intervalMs }) => {
  const db = () => app.database.db
  const clock: TaskTimeSource = { now: () => new Date() }
  app.decorate('taskClock', clock)
  const tasksChanged = (...regionCodes: string[]) => app.events.tasksChanged.publish({ regionCodes })
  const actionContext = (now: Date): TaskActionContext => ({ db: db(), regions: app.regions, timeZone, now, tasksChanged })

  /** The task: 404 when there is none, 403 when its region lies outside the caller's read scope. */
  const readableTask = async (request: FastifyRequest, id: string) => {
    const row = await findTask(db(), id)
    if (row === undefined) throw new HttpProblem(404, 'Not found', `no task has the id ${id}`)
    return { principal: await requireAllowed(request, 'read', row.region_code), row }
  }

  app.post(
    '/api/v1/tasks',
    {
      onRequest: onlyPeople,
      preHandler: requireCsrfToken,
      schema: {
        tags: [TAGS.tasks],
        summary: 'Dispatch a follow-up task to a region unit',
        description: `A duty officer dispatches within its scope. The deadline is the end of the dueWorkingDays-th working day on the official calendar (default: per the alert's rule, ${MAP_TASK_WORKING_DAYS} from the map); the unit has ${ACKNOWLEDGE_WORKING_DAYS} working day to acknowledge.`,
        body: CreateTaskRequest,
        response: {
          201: TaskDetail,
          ...problemResponses({
            400: 'the body is not `{ alertId?, region, title, instructions, dueWorkingDays?, priority? }`',
            401: UNAUTHENTICATED,
            403: `${NOT_A_PERSON_WHO_TASKS}; the role may not raise tasks at the region`,
            404: '`not_found`: alertId names no alert in your scope',
            415: 'the body is not JSON',
            422: '`task_request_refused`: dueWorkingDays is below 1 (a deadline of today or before), or the region names no region of the province',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request, reply) => {
      const now = clock.now()
      const row = await dispatchTask(actionContext(now), await requirePrincipal(request), request.body)
      return reply.code(201).send(taskDetailOf(row, await stepsOf(db(), row.id), app.regions, now, timeZone))
    },
  )

  app.get(
    '/api/v1/tasks',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.tasks],
        summary: "The tasks of a region's subtree",
        description: "Soonest deadline first. `region` defaults to your scope; `state=open` is every state but closed; `escalated=true` lists only the overdue ones, as a parent's desk shows what escalated to it (each names the parent in escalatedTo). Closed tasks only when closed on or after `closedSince` (a local day, default today): the list stays a desk's size.",
        querystring: TasksQuery,
        response: { 200: TaskList, ...problemResponses({ 401: UNAUTHENTICATED, 403: OUTSIDE_READ_SCOPE, 404: '`unknown_region`: no region of the province has this code', 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const principal = await requirePrincipal(request)
      const region = app.regions.require(request.query.region ?? principal.region)
      await requireAllowed(request, 'read', region.code)
      const { state, escalated, closedSince } = request.query
      const states = state === undefined ? undefined : state === 'open' ? OPEN_TASK_STATES : [state]
      const now = clock.now()
      // The start of the day asked for is the start of the local day its last instant falls in.
      const closedFrom = startOfLocalDay(closedSince === undefined ? now : endOfLocalDay(closedSince, timeZone), timeZone)
      const tasks = (await listTasks(db(), { subtreePrefix: app.regions.subtreePrefix(region.code), states, closedSince: closedFrom })).map((row) => taskOf(row, app.regions, now, timeZone))
      return { regionCode: region.code, tasks: escalated === undefined ? tasks : tasks.filter((task) => task.escalated === escalated) }
    },
  )

  app.get(
    '/api/v1/tasks/:id',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.tasks],
        summary: 'A task with its whole history',
        description: 'The history starts with the dispatch; each entry names the person, the time and the text. Nothing can change it.',
        params: TaskParams,
        response: { 200: TaskDetail, ...problemResponses({ 401: UNAUTHENTICATED, 403: OUTSIDE_READ_SCOPE, 404: NOT_FOUND, 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const { row } = await readableTask(request, request.params.id)
      return taskDetailOf(row, await stepsOf(db(), row.id), app.regions, clock.now(), timeZone)
    },
  )

  app.post(
    '/api/v1/tasks/:id/steps',
    {
      onRequest: onlyPeople,
      preHandler: requireCsrfToken,
      schema: {
        tags: [TAGS.tasks],
        summary: 'Take a step on a task: acknowledge, feedback, return, close, reject, reassign, request or approve an extension, remind',
        description: 'docs/tasks.md lists who may take which step in which state. A refused step changes nothing.',
        params: TaskParams,
        body: TaskStepRequest,
        response: {
          200: TaskDetail,
          ...problemResponses({
            400: 'the body is not `{ action, text?, region?, until? }`',
            401: UNAUTHENTICATED,
            403: NOT_A_PERSON_WHO_TASKS,
            404: NOT_FOUND,
            409: '`task_state_conflict`: the task is not in a state that takes this step (e.g. closing an unacknowledged task), or no extension is pending; `conflict`: another step moved the task at the same time',
            415: 'the body is not JSON',
            422: '`task_request_refused`: the step needs a text, a region (reassign) or an until day after the deadline and not in the past (request_extension)',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request) => {
      const { principal, row } = await readableTask(request, request.params.id)
      const now = clock.now()
      const written = await stepTask(actionContext(now), principal, row, request.body)
      return taskDetailOf(written, await stepsOf(db(), row.id), app.regions, now, timeZone)
    },
  )

  app.get(
    '/api/v1/regions/:code/tasks/figures',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.tasks],
        summary: "A region's task figures: open, due soon, overdue, closed today, per child",
        description: 'What the live snapshot carries as `tasks` for the region.',
        params: RegionParams,
        response: { 200: TaskFigures, ...problemResponses({ 401: UNAUTHENTICATED, 403: OUTSIDE_READ_SCOPE, 404: '`unknown_region`: no region of the province has this code', 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const region = app.regions.require(request.params.code)
      await requireAllowed(request, 'read', region.code)
      const figures = await readTaskFigures(db(), app.regions, [region.code], clock.now(), timeZone)
      return figures.get(region.code)
    },
  )

  watchTaskClocks(app, clock, timeZone, intervalMs)
}

export default fp(routes, { name: 'tasks', dependencies: ['database', 'regions', 'events', '@fastify/cookie'] })
