// The demo's duty desk over simulated days, on a clock the test moves: it dispatches from the
// most severe firing alerts, its people take every step through the task routes' functions
// (no step refused), every state shows up, some tasks run overdue, the figures the live
// snapshot carries are not zero, and nothing moves once it stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TASK_STATES, type TaskFigures } from '../../../shared/tasks'
import { DEMO_DUTY_OFFICER_ID, DutyDesk, STARTING_TASKS } from '../../../server/demo/duty-desk'
import { readTaskFigures } from '../../../server/tasks/task-figures'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'
const MINUTE_MS = 60_000
// Monday 7 December 2026, a working day, 09:00 in Chengdu.
const START = Date.parse('2026-12-07T09:00:00+08:00')
const ROUND_MS = 20 * MINUTE_MS
const DAYS = 5
const SEVERITIES = ['critical', 'major', 'minor'] as const

describe.each(testDatabaseKinds())('the demo duty desk on %s', (kind) => {
  let testApp: TestApp
  let now = START
  let desk: DutyDesk
  const changed: string[] = []
  const statesSeen = new Set<string>()
  const figuresSeen: TaskFigures[] = []
  let tasksAfterFirstRound = 0
  const db = () => testApp.app.database.db

  beforeAll(async () => {
    testApp = await startTestApp(kind)
    const counties = [...testApp.app.regions.all()].filter((region) => region.code.slice(4) !== '00').slice(0, 60)
    await db()
      .insertInto('alerts')
      .values(
        counties.map((county, index) => ({
          id: `alert-${index}`,
          fingerprint: `complaint_spike|${county.code}`,
          rule: 'complaint_spike',
          region_code: county.code,
          subject: '',
          severity: SEVERITIES[index % 3] as (typeof SEVERITIES)[number],
          // The last one resolved: no one dispatches from it.
          state: index === counties.length - 1 ? 'resolved' : 'firing',
          figures: '{}',
          message: JSON.stringify({ zh: `${county.name}投诉量激增`, en: 'Complaint spike' }),
          first_seen_at: new Date(START - 60 * MINUTE_MS),
          last_seen_at: new Date(START),
          fired_at: new Date(START - 30 * MINUTE_MS),
        })),
      )
      .execute()
    desk = new DutyDesk({
      db,
      regions: testApp.app.regions,
      timeZone: ZONE,
      log: testApp.app.log,
      speed: 20,
      seed: 7,
      now: () => new Date(now),
      tasksChanged: (...codes) => changed.push(...codes),
    })
    await desk.tick()
    tasksAfterFirstRound = (await db().selectFrom('tasks').select('id').execute()).length
    for (now = START + ROUND_MS; now <= START + DAYS * 24 * 60 * MINUTE_MS; now += ROUND_MS) {
      await desk.tick()
      const states = await db().selectFrom('tasks').select('state').distinct().execute()
      for (const row of states) statesSeen.add(row.state)
      if (now % (4 * ROUND_MS) === 0) figuresSeen.push((await readTaskFigures(db(), testApp.app.regions, ['510000'], new Date(now), ZONE)).get('510000') as TaskFigures)
    }
  }, 120_000)
  afterAll(async () => {
    await desk.stop()
    await testApp?.close()
  })

  it('starts an idle desk with a handful of tasks in its first round, before any time has passed', () => {
    expect(tasksAfterFirstRound).toBe(STARTING_TASKS)
  })

  it('dispatches from firing alerts, the most severe first, to their regions', async () => {
    const tasks = await db().selectFrom('tasks').innerJoin('alerts', 'alerts.id', 'tasks.alert_id').select(['alerts.state', 'alerts.severity', 'alerts.region_code', 'tasks.dispatched_by', 'tasks.dispatched_by_name']).execute()
    expect(tasks.length).toBeGreaterThan(5)
    expect(tasks.every((task) => task.state === 'firing' && task.dispatched_by === DEMO_DUTY_OFFICER_ID && task.dispatched_by_name === '演示值班员')).toBe(true)
    // 59 firing alerts, a third of each severity: the first dispatches take the critical ones.
    const first = await db().selectFrom('tasks').innerJoin('alerts', 'alerts.id', 'tasks.alert_id').select('alerts.severity').orderBy('tasks.dispatched_at').limit(10).execute()
    expect(first.every((task) => task.severity === 'critical')).toBe(true)
    const dispatches = await db().selectFrom('task_steps').innerJoin('tasks', 'tasks.id', 'task_steps.task_id').select(['task_steps.details', 'task_steps.seq']).where('action', '=', 'dispatch').execute()
    expect(dispatches.length).toBe(tasks.length)
    expect(changed.length).toBeGreaterThan(tasks.length)
  })

  it('takes every step through the state machine, none refused, and every state shows up', async () => {
    expect({ refusals: desk.refusals, conflicts: desk.conflicts }).toEqual({ refusals: 0, conflicts: 0 })
    expect([...statesSeen].sort()).toEqual([...TASK_STATES].sort())
    const actions = new Set((await db().selectFrom('task_steps').select('action').distinct().execute()).map((row) => row.action))
    for (const action of ['dispatch', 'acknowledge', 'feedback', 'return', 'close', 'reject', 'reassign']) expect(actions, action).toContain(action)
    const actors = await db().selectFrom('task_steps').select(['actor_name', 'actor_role', 'action', 'text']).where('action', 'in', ['feedback', 'reject']).execute()
    expect(actors.every((step) => step.actor_role === 'region_officer' && step.actor_name.endsWith('市场监管局（演示）') && /[\u4e00-\u9fff]/.test(step.text ?? ''))).toBe(true)
    // No login account was made for the demo's people.
    expect(await db().selectFrom('users').select('id').where('username', 'like', 'demo%').execute()).toEqual([])
  })

  it('keeps the wall moving: open tasks, some overdue, some closed today', () => {
    expect(Math.max(...figuresSeen.map((figures) => figures.open))).toBeGreaterThan(0)
    expect(Math.max(...figuresSeen.map((figures) => figures.overdue))).toBeGreaterThan(0)
    expect(Math.max(...figuresSeen.map((figures) => figures.closedToday))).toBeGreaterThan(0)
    // Modest: a handful per city at most.
    expect(Math.max(...figuresSeen.map((figures) => figures.open))).toBeLessThanOrEqual(5 * testApp.app.regions.children('510000').length)
  })

  it('takes no step once stopped', async () => {
    await desk.stop()
    // A fresh firing alert a working desk would dispatch from at once.
    await db()
      .insertInto('alerts')
      .values({ id: 'alert-after-stop', fingerprint: 'major_case|510104|late', rule: 'major_case', region_code: '510104', subject: 'late', severity: 'critical', state: 'firing', figures: '{}', message: JSON.stringify({ zh: '挂牌督办案件', en: 'Major case' }), first_seen_at: new Date(now), last_seen_at: new Date(now), fired_at: new Date(now) })
      .execute()
    const before = await db().selectFrom('task_steps').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
    now += 10 * 24 * 60 * MINUTE_MS
    await desk.tick()
    expect(await db().selectFrom('task_steps').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).toEqual(before)
  })
})
