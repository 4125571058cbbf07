// The task's state machine and clocks, pure: every transition of docs/tasks.md, each
// refusal with its status, and the clocks on China's official calendar.
import { describe, expect, it } from 'vitest'
import type { Principal } from '../../../server/access/roles'
import { type SteppedTask, type StepOutcome, type StepRefusal, STEP_RULES, decideStep, isRefusal } from '../../../server/tasks/task-steps'
import { clockOf } from '../../../server/tasks/task-clocks'
import { RegionTree, loadProvinceDivisions } from '../../../server/regions/region-tree'
import { endOfLocalDay } from '../../../server/time/zoned-time'
import { TASK_ACTIONS, type TaskStepRequest } from '../../../shared/tasks'

const tree = new RegionTree(loadProvinceDivisions('510000'), new Map())
const ZONE = 'Asia/Shanghai'
const NOW = new Date('2026-12-02T10:00:00+08:00')
const endOf = (day: string) => endOfLocalDay(day, ZONE)

const user = (role: 'duty_officer' | 'region_officer' | 'leader', region: string): Principal => ({ kind: 'user', id: `${role}-${region}`, name: `${role} ${region}`, role, region })
const DUTY = user('duty_officer', '510100')
const JINJIANG = user('region_officer', '510104')
const task = (state: SteppedTask['state'], extra: Partial<SteppedTask> = {}): SteppedTask => ({
  regionCode: '510104',
  state,
  dueAt: endOf('2026-12-09'),
  acknowledgeDueAt: endOf('2026-12-03'),
  extensionRequestedUntil: null,
  closedAt: null,
  ...extra,
})

const step = (from: SteppedTask, request: TaskStepRequest, principal: Principal, now = NOW) => decideStep(from, request, principal, now, tree, ZONE)
const done = (outcome: StepOutcome | StepRefusal): StepOutcome => {
  if (isRefusal(outcome)) throw new Error(`refused: ${outcome.reason}`)
  return outcome
}
const refusal = (outcome: StepOutcome | StepRefusal): StepRefusal => {
  if (!isRefusal(outcome)) throw new Error(`taken: ${outcome.entry.action}`)
  return outcome
}

describe('task steps', () => {
  it('walks a task through acknowledge, feedback, return, feedback and close', () => {
    const acknowledged = done(step(task('assigned'), { action: 'acknowledge' }, JINJIANG))
    expect(acknowledged.task.state).toBe('acknowledged')
    const answered = done(step(acknowledged.task, { action: 'feedback', text: '已现场核查' }, JINJIANG))
    expect(answered).toMatchObject({ task: { state: 'answered' }, entry: { action: 'feedback', text: '已现场核查' } })
    const returned = done(step(answered.task, { action: 'return', text: '补充整改照片' }, DUTY))
    expect(returned.task.state).toBe('returned')
    const again = done(step(returned.task, { action: 'feedback', text: '已补充' }, JINJIANG))
    const closed = done(step(again.task, { action: 'close' }, DUTY))
    expect(closed.task).toMatchObject({ state: 'closed', closedAt: NOW })
  })

  it('rejects to the dispatcher, who reassigns with a fresh acknowledge deadline', () => {
    const rejected = done(step(task('assigned'), { action: 'reject', text: '属地不符' }, JINJIANG))
    expect(rejected.task.state).toBe('rejected')
    const reassigned = done(step(rejected.task, { action: 'reassign', region: '510105' }, DUTY))
    // Wednesday 2 December: one working day on is the end of Thursday.
    expect(reassigned.task).toMatchObject({ state: 'assigned', regionCode: '510105', acknowledgeDueAt: endOf('2026-12-03') })
    expect(reassigned.entry.details).toMatchObject({ from: '510104', region: '510105' })
    expect(refusal(step(rejected.task, { action: 'reassign', region: '510700' }, DUTY))).toMatchObject({ status: 403, code: 'forbidden' })
    expect(refusal(step(rejected.task, { action: 'reassign' }, DUTY))).toMatchObject({ status: 422, field: 'body.region' })
  })

  it('moves the deadline only when an extension asked for is approved', () => {
    const asked = done(step(task('acknowledged'), { action: 'request_extension', until: '2026-12-18', text: '需检测报告' }, JINJIANG))
    expect(asked.task).toMatchObject({ state: 'acknowledged', dueAt: endOf('2026-12-09'), extensionRequestedUntil: endOf('2026-12-18') })
    const approved = done(step(asked.task, { action: 'approve_extension' }, DUTY))
    expect(approved.task).toMatchObject({ dueAt: endOf('2026-12-18'), extensionRequestedUntil: null })
    expect(refusal(step(approved.task, { action: 'approve_extension' }, DUTY))).toMatchObject({ status: 409, code: 'task_state_conflict' })
    expect(refusal(step(task('acknowledged'), { action: 'request_extension', until: '2026-12-09', text: '再给一天' }, JINJIANG))).toMatchObject({ status: 422, field: 'body.until' })
    const overdue = task('acknowledged', { dueAt: endOf('2026-11-20') })
    expect(refusal(step(overdue, { action: 'request_extension', until: '2026-12-01', text: '补' }, JINJIANG))).toMatchObject({ status: 422, field: 'body.until', reason: expect.stringContaining('past') })
    expect(refusal(step(task('acknowledged'), { action: 'request_extension', until: '2026-12-18' }, JINJIANG))).toMatchObject({ status: 422, field: 'body.text' })
  })

  it('reminds without moving the state', () => {
    expect(done(step(task('acknowledged'), { action: 'remind', text: '请尽快反馈' }, DUTY)).task.state).toBe('acknowledged')
    expect(refusal(step(task('closed'), { action: 'remind' }, DUTY)).status).toBe(409)
  })

  it('refuses a step in the wrong state with 409', () => {
    expect(refusal(step(task('assigned'), { action: 'close' }, DUTY))).toMatchObject({ status: 409, code: 'task_state_conflict' })
    expect(refusal(step(task('closed'), { action: 'feedback', text: '晚了' }, JINJIANG)).status).toBe(409)
    expect(refusal(step(task('answered'), { action: 'acknowledge' }, JINJIANG)).status).toBe(409)
  })

  it('refuses a step by a wrong role or region with 403, before anything else', () => {
    for (const action of TASK_ACTIONS) {
      const grant = STEP_RULES[action].grant
      const wrongRole = grant === 'raise_task' || grant === 'return_task' || grant === 'close_task' ? JINJIANG : DUTY
      for (const principal of [wrongRole, user('leader', '510100'), user(wrongRole === DUTY ? 'region_officer' : 'duty_officer', '510700')]) {
        expect(refusal(step(task('closed'), { action }, principal)), `${action} by ${principal.role}`).toMatchObject({ status: 403, code: 'forbidden' })
      }
    }
    const screen: Principal = { kind: 'screen', id: 's', name: 'wall', role: 'screen', region: '510000', playlist: null }
    expect(refusal(step(task('assigned'), { action: 'acknowledge' }, screen)).status).toBe(403)
  })

  it('asks for the text a step needs with 422 naming the field', () => {
    expect(refusal(step(task('acknowledged'), { action: 'feedback' }, JINJIANG))).toMatchObject({ status: 422, code: 'task_request_refused', field: 'body.text' })
    expect(refusal(step(task('assigned'), { action: 'reject' }, JINJIANG)).field).toBe('body.text')
    expect(refusal(step(task('answered'), { action: 'return' }, DUTY)).field).toBe('body.text')
  })
})

describe('task clocks', () => {
  const at = (iso: string) => new Date(iso)

  it('is due soon when the deadline falls on or before the end of the next working day, across a weekend', () => {
    // Due at the end of Monday 7 December.
    const due = task('acknowledged', { dueAt: endOf('2026-12-07') })
    expect(clockOf(due, at('2026-12-03T09:00:00+08:00'), ZONE)).toBe('on_time')
    // Friday: the next working day is Monday.
    expect(clockOf(due, at('2026-12-04T09:00:00+08:00'), ZONE)).toBe('due_soon')
    expect(clockOf(due, endOf('2026-12-07'), ZONE)).toBe('due_soon')
    expect(clockOf(due, new Date(endOf('2026-12-07').getTime() + 1), ZONE)).toBe('overdue')
    expect(clockOf({ ...due, state: 'closed' }, at('2026-12-20T09:00:00+08:00'), ZONE)).toBe('on_time')
  })

  it('is due soon across National Day: the working day after 30 September is 8 October', () => {
    const due = task('acknowledged', { dueAt: endOf('2026-10-08') })
    expect(clockOf(due, at('2026-09-29T10:00:00+08:00'), ZONE)).toBe('on_time')
    expect(clockOf(due, at('2026-09-30T10:00:00+08:00'), ZONE)).toBe('due_soon')
  })

  it('makes an unacknowledged task overdue at its acknowledge deadline, and due soon only by its own', () => {
    const waiting = task('assigned', { acknowledgeDueAt: endOf('2026-12-03'), dueAt: endOf('2026-12-20') })
    expect(clockOf(waiting, at('2026-12-03T09:00:00+08:00'), ZONE)).toBe('on_time')
    expect(clockOf(waiting, at('2026-12-04T09:00:00+08:00'), ZONE)).toBe('overdue')
    expect(clockOf({ ...waiting, state: 'acknowledged' }, at('2026-12-04T09:00:00+08:00'), ZONE)).toBe('on_time')
  })
})
