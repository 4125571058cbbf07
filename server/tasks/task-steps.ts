// The task's state machine (docs/tasks.md): whether a person may take a step on a task
// now, and what the step changes. Pure: the repository writes what it decides.
import type { ProblemCode } from '../../shared/api'
import { type TaskAction, type TaskState, type TaskStepRequest, ACKNOWLEDGE_WORKING_DAYS, OPEN_TASK_STATES } from '../../shared/tasks'
import { type Action, type Principal, allows } from '../access/roles'
import { afterWorkingDays } from '../clocks/statutory-deadlines'
import type { RegionTree } from '../regions/region-tree'
import { endOfLocalDay, localDateOf } from '../time/zoned-time'

/** What a step needs to know of the task. */
export interface SteppedTask {
  regionCode: string
  state: TaskState
  dueAt: Date
  acknowledgeDueAt: Date
  extensionRequestedUntil: Date | null
  closedAt: Date | null
}

/** A refused step: its HTTP status, code, the field at fault (if one is) and why. */
export interface StepRefusal {
  status: 403 | 409 | 422
  code: ProblemCode
  field?: string
  reason: string
}

export type TaskChange = Omit<SteppedTask, 'state'> & { state: TaskState }

export interface StepOutcome {
  task: TaskChange
  entry: { action: TaskAction; text: string | null; details: Record<string, string | null> }
}

interface StepRule {
  grant: Action
  /** the states the step may be taken in */
  from: readonly TaskState[]
  /** the state it leads to; null: the state stays */
  to: TaskState | null
  /** what the text says, when the step needs one */
  text?: string
}

/** The transitions, as the table in docs/tasks.md. */
export const STEP_RULES: Record<TaskAction, StepRule> = {
  acknowledge: { grant: 'acknowledge_task', from: ['assigned'], to: 'acknowledged' },
  feedback: { grant: 'answer_task', from: ['acknowledged', 'returned'], to: 'answered', text: 'what was done' },
  return: { grant: 'return_task', from: ['answered'], to: 'returned', text: 'what is still to do' },
  close: { grant: 'close_task', from: ['answered'], to: 'closed' },
  reject: { grant: 'answer_task', from: ['assigned', 'acknowledged'], to: 'rejected', text: 'the reason, e.g. 属地不符' },
  reassign: { grant: 'raise_task', from: ['rejected'], to: 'assigned' },
  request_extension: { grant: 'answer_task', from: ['acknowledged', 'returned'], to: null, text: 'the reason for more time' },
  approve_extension: { grant: 'raise_task', from: OPEN_TASK_STATES, to: null },
  remind: { grant: 'raise_task', from: OPEN_TASK_STATES, to: null },
}

const refuse = (status: StepRefusal['status'], reason: string, field?: string): StepRefusal => ({
  status,
  code: status === 403 ? 'forbidden' : status === 409 ? 'task_state_conflict' : 'task_request_refused',
  reason,
  ...(field === undefined ? {} : { field }),
})

/** People take steps; a screen, a key or the anonymous viewer never does. */
export function refusedNonPerson(principal: Principal): StepRefusal | undefined {
  return principal.kind === 'user' ? undefined : refuse(403, `a ${principal.kind === 'anonymous' ? 'anonymous viewer' : principal.kind} cannot dispatch or step tasks: a person does`)
}

/** The step's outcome, or why it is refused: who (403), then the task's state (409), then the request's fields (422). */
export function decideStep(task: SteppedTask, request: TaskStepRequest, principal: Principal, now: Date, tree: RegionTree, timeZone: string): StepOutcome | StepRefusal {
  const rule = STEP_RULES[request.action]
  const nonPerson = refusedNonPerson(principal)
  if (nonPerson !== undefined) return nonPerson
  if (!allows(principal, rule.grant, task.regionCode, tree)) {
    return refuse(403, `a ${principal.role} scoped at ${principal.region} may not ${request.action} a task of ${task.regionCode} (needs ${rule.grant} there)`)
  }
  if (!rule.from.includes(task.state)) {
    return refuse(409, `a task that is ${task.state} cannot take ${request.action}; it can in: ${rule.from.join(', ')}`)
  }
  const text = request.text ?? null
  if (rule.text !== undefined && text === null) return refuse(422, `${request.action} needs a text: ${rule.text}`, 'body.text')
  const entry = (details: Record<string, string | null> = {}) => ({ action: request.action, text, details })
  const next = { ...task, state: rule.to ?? task.state }
  switch (request.action) {
    case 'close':
      return { task: { ...next, closedAt: now, extensionRequestedUntil: null }, entry: entry() }
    case 'reassign': {
      if (request.region === undefined) return refuse(422, 'reassign names the region unit that takes the task over', 'body.region')
      if (!tree.has(request.region)) return refuse(422, `region ${request.region} is not a region of ${tree.province.name}`, 'body.region')
      if (!allows(principal, 'raise_task', request.region, tree)) return refuse(403, `a ${principal.role} scoped at ${principal.region} may not dispatch to ${request.region}`)
      const acknowledgeDueAt = afterWorkingDays(now, ACKNOWLEDGE_WORKING_DAYS, timeZone)
      return { task: { ...next, regionCode: request.region, acknowledgeDueAt }, entry: entry({ from: task.regionCode, region: request.region, acknowledgeDueAt: acknowledgeDueAt.toISOString() }) }
    }
    case 'request_extension': {
      if (request.until === undefined) return refuse(422, 'request_extension names the day asked for as until (YYYY-MM-DD)', 'body.until')
      if (request.until <= localDateOf(task.dueAt, timeZone)) return refuse(422, `until ${request.until} is not after the current deadline`, 'body.until')
      if (request.until < localDateOf(now, timeZone)) return refuse(422, `until ${request.until} is in the past`, 'body.until')
      const until = endOfLocalDay(request.until, timeZone)
      return { task: { ...next, extensionRequestedUntil: until }, entry: entry({ until: until.toISOString() }) }
    }
    case 'approve_extension': {
      const until = task.extensionRequestedUntil
      if (until === null) return refuse(409, 'no extension is pending on this task')
      return { task: { ...next, dueAt: until, extensionRequestedUntil: null }, entry: entry({ from: task.dueAt.toISOString(), dueAt: until.toISOString() }) }
    }
    default:
      return { task: next, entry: entry() }
  }
}

export const isRefusal = (outcome: StepOutcome | StepRefusal): outcome is StepRefusal => 'status' in outcome
