// The demo's duty desk: the people of a command centre working the follow-up tasks (督办), so
// the wall's 督办 panel and the /desk board move in a demo. A duty officer dispatches tasks
// from the most severe firing alerts not yet dispatched; the alert's region unit acknowledges,
// feeds back, sometimes rejects (属地不符) and is replaced, sometimes runs late; the officer
// closes or returns what is answered. Every step goes through the task routes' own functions
// (server/tasks/task-actions.ts): the same checks, history and live events.
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { TaskStepRequest } from '../../shared/tasks'
import type { Principal } from '../access/roles'
import type { Database } from '../db/schema'
import { HttpProblem } from '../http/problem'
import type { RegionTree } from '../regions/region-tree'
import { type TaskActionContext, dispatchTask, stepTask } from '../tasks/task-actions'
import type { TaskRow } from '../tasks/tasks-repository'
import { Random } from './random'

const HOUR_MS = 3_600_000
/** the speed the rates below are for (the demo's default) */
const BASE_SPEED = 20
/** at BASE_SPEED: dispatches an hour, province-wide */
const DISPATCHES_PER_HOUR = 6
/** at BASE_SPEED: the mean wait before each person acts, by the task's state */
const MEAN_WAIT_HOURS = { assigned: 0.5, acknowledged: 4, returned: 2, answered: 0.75, rejected: 0.25 } as const
const REJECT_SHARE = 0.1
const RETURN_SHARE = 0.2
/** tasks whose unit lets the deadline pass before it acts: they turn overdue and escalate */
const LATE_SHARE = 0.15
/** a late unit acts this long after the deadline, on average */
const LATE_WAIT_HOURS = 3
/** open tasks per city the desk keeps at most: a handful on the wall */
const OPEN_PER_CITY = 5
/** what a desk with no open task dispatches at once: a fresh demo's 督办 panel is not all zeros for its first hour */
export const STARTING_TASKS = 6
const SEVERITY_ORDER = { critical: 0, major: 1, minor: 2 } as const

const FEEDBACK_TEXTS = [
  '已现场核查，责令整改，整改情况已拍照存档。',
  '已约谈经营者，下达责令改正通知书，限期三日内整改完毕。',
  '已联合属地街道开展排查，涉事商品已下架封存，案件移交稽查。',
  '已回访投诉人并调解完毕，经营者承诺退赔，后续将持续跟踪。',
]
const RETURN_TEXTS = ['请补充整改前后照片及复查记录。', '反馈未说明处罚依据，请补充后再报。']
const REJECT_TEXT = '属地不符：涉事主体注册及经营地均不在本辖区，请改派。'

export interface DutyDeskOptions {
  db: () => Kysely<Database>
  regions: RegionTree
  timeZone: string
  log: FastifyBaseLogger
  /** the demo's speed factor: the desk works faster as the demo runs faster */
  speed: number
  seed: number
  now: () => Date
  tasksChanged(...regionCodes: string[]): void
}

/** The synthetic people who act: kind 'user' so the history names them, with ids no login account can have. */
export const DEMO_DUTY_OFFICER_ID = 'demo:duty-officer'
const dutyOfficerOf = (province: string): Principal => ({ kind: 'user', id: DEMO_DUTY_OFFICER_ID, name: '演示值班员', role: 'duty_officer', region: province })
const unitOf = (regions: RegionTree, code: string): Principal => ({ kind: 'user', id: `demo:unit:${code}`, name: `${regions.require(code).name}市场监管局（演示）`, role: 'region_officer', region: code })

/** A number in [0, 1) fixed for the seed and the task: whether its unit runs late. */
function fractionOf(seed: number, id: string): number {
  let hash = 2166136261 ^ seed
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 16777619)
  return (hash >>> 0) / 2 ** 32
}

export class DutyDesk {
  readonly #options: DutyDeskOptions
  readonly #random: Random
  readonly #officer: Principal
  #lastTick: number | undefined
  #timer: NodeJS.Timeout | undefined
  #inFlight: Promise<void> | undefined
  #stopped = false
  /** steps another writer took first (409): read again at the next tick */
  conflicts = 0
  /** steps refused for any other reason: a bug in the desk */
  refusals = 0

  constructor(options: DutyDeskOptions) {
    this.#options = options
    this.#random = new Random(options.seed)
    this.#officer = dutyOfficerOf(options.regions.province.code)
  }

  /** Rounds every `intervalMs`; one still going when the next is due skips it. */
  start(intervalMs: number): void {
    if (this.#stopped || this.#timer !== undefined) return
    this.#lastTick = this.#options.now().getTime()
    this.#timer = setInterval(() => {
      if (this.#stopped || this.#inFlight !== undefined) return
      this.#inFlight = this.tick()
        .catch((error: unknown) => this.#options.log.error({ err: error }, 'demo: the duty desk stopped a round on an error'))
        .finally(() => (this.#inFlight = undefined))
    }, intervalMs)
  }

  /** no step after this resolves */
  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#inFlight
  }

  /** One round of the desk for the time since the last one (the first round takes no step, but starts an idle desk). */
  async tick(): Promise<void> {
    if (this.#stopped) return
    const now = this.#options.now()
    const elapsedHours = this.#lastTick === undefined ? 0 : Math.max(0, now.getTime() - this.#lastTick) / HOUR_MS
    this.#lastTick = now.getTime()
    const pace = (this.#options.speed / BASE_SPEED) * elapsedHours
    const context: TaskActionContext = { db: this.#options.db(), regions: this.#options.regions, timeZone: this.#options.timeZone, now, tasksChanged: this.#options.tasksChanged }
    const open = await context.db.selectFrom('tasks').selectAll().where('dispatched_by', '=', DEMO_DUTY_OFFICER_ID).where('state', '<>', 'closed').orderBy('dispatched_at').orderBy('id').execute()
    if (pace > 0) {
      for (const task of open) {
        const step = this.#nextStep(task, now, pace)
        if (step !== undefined) await this.#act(() => stepTask(context, step.by, task, step.request))
      }
    }
    const cities = this.#options.regions.children(this.#options.regions.province.code).length
    const room = cities * OPEN_PER_CITY - open.length
    const dispatches = Math.min(room, open.length === 0 ? STARTING_TASKS : this.#random.poisson(DISPATCHES_PER_HOUR * pace))
    if (dispatches > 0) await this.#dispatch(context, dispatches)
  }

  /** The step someone takes on the task now, if anyone does. */
  #nextStep(task: TaskRow, now: Date, pace: number): { by: Principal; request: TaskStepRequest } | undefined {
    const { regions } = this.#options
    const unit = unitOf(regions, task.region_code)
    const late = fractionOf(this.#options.seed, task.id) < LATE_SHARE
    const unitsTurn = task.state === 'assigned' || task.state === 'acknowledged' || task.state === 'returned'
    const deadline = task.state === 'assigned' ? task.acknowledge_due_at : task.due_at
    // A late unit waits for its deadline to pass, then acts after a while.
    const acts = unitsTurn && late ? now > deadline && this.#random.chance(1 - Math.exp(-pace / LATE_WAIT_HOURS)) : this.#random.chance(1 - Math.exp(-pace / MEAN_WAIT_HOURS[task.state as keyof typeof MEAN_WAIT_HOURS]))
    if (!acts) return undefined
    switch (task.state) {
      case 'assigned': {
        const siblings = this.#siblingsOf(task.region_code)
        return siblings.length > 0 && this.#random.chance(REJECT_SHARE) ? { by: unit, request: { action: 'reject', text: REJECT_TEXT } } : { by: unit, request: { action: 'acknowledge' } }
      }
      case 'acknowledged':
      case 'returned':
        return { by: unit, request: { action: 'feedback', text: this.#random.pick(FEEDBACK_TEXTS) } }
      case 'answered':
        return this.#random.chance(RETURN_SHARE) ? { by: this.#officer, request: { action: 'return', text: this.#random.pick(RETURN_TEXTS) } } : { by: this.#officer, request: { action: 'close' } }
      case 'rejected': {
        const siblings = this.#siblingsOf(task.region_code)
        return siblings.length === 0 ? undefined : { by: this.#officer, request: { action: 'reassign', region: this.#random.pick(siblings) } }
      }
      default:
        return undefined
    }
  }

  /** The regions beside this one under the same parent: where a task rejected as 属地不符 goes. */
  #siblingsOf(code: string): string[] {
    const parent = this.#options.regions.require(code).parentCode
    return parent === null ? [] : this.#options.regions.children(parent).map((region) => region.code).filter((sibling) => sibling !== code)
  }

  /** Dispatches from the most severe firing alerts no task was dispatched from yet. */
  async #dispatch(context: TaskActionContext, count: number): Promise<void> {
    const alerts = await context.db
      .selectFrom('alerts')
      .select(['id', 'region_code', 'severity', 'message'])
      .where('state', '=', 'firing')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('tasks').select('tasks.id').whereRef('tasks.alert_id', '=', 'alerts.id'))))
      .orderBy('fired_at')
      .orderBy('id')
      .execute()
    const chosen = alerts.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, count)
    for (const alert of chosen) {
      await this.#act(() =>
        dispatchTask(context, this.#officer, {
          alertId: alert.id,
          region: alert.region_code,
          title: `督办：${alert.message.zh}`,
          instructions: '请于签收后现场核查，依法处置，并在期限内反馈处置结果。',
          priority: alert.severity === 'critical' ? 'urgent' : 'normal',
        }),
      )
    }
  }

  async #act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action()
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error
      if (error.status === 409) this.conflicts += 1
      else {
        this.refusals += 1
        this.#options.log.warn({ err: error }, 'demo: the duty desk took a step the tasks refused')
      }
    }
  }
}
