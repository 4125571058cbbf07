// Follow-up tasks (督办): a duty officer dispatches one to a region unit with a deadline in
// working days; the unit acknowledges (签收), acts and feeds back (反馈); the officer closes
// (办结) or returns (退回) it. Every step is kept, append-only (server/tasks).
import Type, { type Static } from 'typebox'
import type { AlertRule } from './alerts'
import { RegionCode } from './api'
import { DATE_PATTERN } from './records'

/**
 * `assigned`: dispatched, not yet acknowledged; `acknowledged`: the unit took it on;
 * `answered`: the unit fed back, the dispatcher decides; `returned`: sent back for more
 * work; `rejected`: the unit refused it (e.g. 属地不符), the dispatcher reassigns;
 * `closed`: done. Every state but `closed` is open.
 */
export const TASK_STATES = ['assigned', 'acknowledged', 'answered', 'returned', 'rejected', 'closed'] as const
export type TaskState = (typeof TASK_STATES)[number]
export const OPEN_TASK_STATES = TASK_STATES.filter((state) => state !== 'closed')

export const TASK_PRIORITIES = ['urgent', 'high', 'normal'] as const
export type TaskPriority = (typeof TASK_PRIORITIES)[number]

/** Steps a person takes on a task after its dispatch (the history's first entry is `dispatch`). */
export const TASK_ACTIONS = ['acknowledge', 'feedback', 'return', 'close', 'reject', 'reassign', 'request_extension', 'approve_extension', 'remind'] as const
export type TaskAction = (typeof TASK_ACTIONS)[number]

/** Where a task stands against its clocks: due soon is within one working day of its deadline. */
export const TASK_CLOCKS = ['on_time', 'due_soon', 'overdue'] as const
export type TaskClock = (typeof TASK_CLOCKS)[number]

/** Working days a unit has to acknowledge (签收) a task it was given. */
export const ACKNOWLEDGE_WORKING_DAYS = 1
/** Working days of a task dispatched from the map, with no alert behind it. */
export const MAP_TASK_WORKING_DAYS = 5
/** Working days of a task dispatched from an alert, by the alert's rule: the more pressing the rule, the sooner. */
export const ALERT_TASK_WORKING_DAYS: Record<AlertRule, number> = {
  overdue_backlog: 5,
  complaint_spike: 3,
  campaign_lagging: 10,
  food_failures: 3,
  major_case: 2,
  hazard_unfixed: 2,
}

const Instant = Type.String({ description: "ISO 8601 with the command centre's UTC offset" })
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const TaskActor = Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })
export type TaskActor = Static<typeof TaskActor>

export const TaskHistoryEntry = Type.Object({
  action: Type.Enum(['dispatch', ...TASK_ACTIONS]),
  actor: TaskActor,
  at: Instant,
  text: Nullable(Type.String()),
  /** what the step set: a reassign's region, an extension's new deadline */
  details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
})
export type TaskHistoryEntry = Static<typeof TaskHistoryEntry>

export const Task = Type.Object({
  id: Type.String(),
  alertId: Nullable(Type.String()),
  regionCode: RegionCode,
  regionName: Type.String(),
  title: Type.String(),
  instructions: Type.String(),
  priority: Type.Enum([...TASK_PRIORITIES]),
  state: Type.Enum([...TASK_STATES]),
  clock: Type.Enum([...TASK_CLOCKS]),
  /** overdue: shown on the parent region's desk too, and counted in tasks_overdue */
  escalated: Type.Boolean(),
  /** the parent region whose desk lists the task while it is overdue; null when on time or at the province itself */
  escalatedTo: Nullable(RegionCode),
  dueAt: Instant,
  acknowledgeDueAt: Instant,
  /** a requested extension awaiting approval: the deadline asked for */
  extensionRequestedUntil: Nullable(Instant),
  dispatchedBy: TaskActor,
  dispatchedAt: Instant,
  closedAt: Nullable(Instant),
})
export type Task = Static<typeof Task>

export const TaskDetail = Type.Object({ ...Task.properties, history: Type.Array(TaskHistoryEntry) })
export type TaskDetail = Static<typeof TaskDetail>

/** `GET /api/v1/tasks`: the region asked for (the caller's scope by default) and its subtree's tasks. */
export const TaskList = Type.Object({ regionCode: RegionCode, tasks: Type.Array(Task) })
export type TaskList = Static<typeof TaskList>

export const TasksQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    state: Type.Optional(Type.Enum(['open', ...TASK_STATES])),
    /** true: only the overdue tasks, as a parent's desk lists what escalated to it */
    escalated: Type.Optional(Type.Boolean()),
    /** closed tasks are listed only when closed on or after this local day: a desk shows open work and the latest closed, not every task ever closed */
    closedSince: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD, the command centre\'s local day (default: today): closed tasks closed before it are left out' })),
  },
  { additionalProperties: false },
)
export type TasksQuery = Static<typeof TasksQuery>

const Text = Type.String({ minLength: 1, maxLength: 2000 })

export const CreateTaskRequest = Type.Object(
  {
    alertId: Type.Optional(Type.String()),
    region: RegionCode,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    instructions: Text,
    /** the deadline: the end of this many working days from today, on the official calendar */
    dueWorkingDays: Type.Optional(Type.Integer({ maximum: 60, description: 'at least 1: a deadline of today or before is refused (422)' })),
    priority: Type.Optional(Type.Enum([...TASK_PRIORITIES])),
  },
  { additionalProperties: false },
)
export type CreateTaskRequest = Static<typeof CreateTaskRequest>

export const TaskStepRequest = Type.Object(
  {
    action: Type.Enum([...TASK_ACTIONS]),
    text: Type.Optional(Text),
    /** reassign: the region unit that takes the task over */
    region: Type.Optional(RegionCode),
    /** request_extension: the deadline asked for, a local date after the current deadline */
    until: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
)
export type TaskStepRequest = Static<typeof TaskStepRequest>

/** A region's tasks as the wall's 督办 panel shows them: its subtree's open tasks, now. */
export const TaskFigures = Type.Object({
  open: Type.Integer({ minimum: 0 }),
  dueSoon: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0 }),
  /** closed since the start of today */
  closedToday: Type.Integer({ minimum: 0 }),
  /** per child region of the subtree (the region itself for a county): open and overdue */
  byRegion: Type.Record(Type.String(), Type.Object({ open: Type.Integer({ minimum: 0 }), overdue: Type.Integer({ minimum: 0 }) })),
})
export type TaskFigures = Static<typeof TaskFigures>
