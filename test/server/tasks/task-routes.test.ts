// Follow-up tasks over HTTP on both databases: the whole lifecycle with return, reject and
// reassign, an extension and a reminder; every wrong step refused with nothing changed; the
// history complete and beyond any route's or statement's reach; escalation at the deadline
// on an injected clock; concurrent steps.
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TaskDetail, TaskFigures } from '../../../shared/tasks'
import { regionsWhoseClocksMoved } from '../../../server/tasks/task-clock-watch'
import { endOfLocalDay } from '../../../server/time/zoned-time'
import { addUser, bearerOf, logIn } from '../../support/principals'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'
const endOf = (day: string) => endOfLocalDay(day, ZONE)
const iso = (instant: Date) => instant.getTime()

describe.each(testDatabaseKinds())('follow-up tasks on %s', (kind) => {
  let testApp: TestApp
  const app = (): FastifyInstance => testApp.app
  const as = new Map<string, Record<string, string>>()
  let now = new Date('2026-12-02T10:00:00+08:00')

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_ANONYMOUS: 'off' })
    app().taskClock.now = () => now
    const people = { duty: ['duty_officer', '510100'], jinjiang: ['region_officer', '510104'], qingyang: ['region_officer', '510105'], mianyang: ['region_officer', '510700'], leader: ['leader', '510100'], chengdu: ['region_officer', '510100'] } as const
    for (const [name, [role, region]] of Object.entries(people)) {
      await addUser(app(), `tasks-${name}`, role, region)
      as.set(name, await logIn(app(), `tasks-${name}`))
    }
  })
  afterAll(() => testApp.close())

  const post = (who: string, url: string, payload: object) => app().inject({ method: 'POST', url, headers: as.get(who), payload })
  const get = (who: string, url: string) => app().inject({ method: 'GET', url, headers: as.get(who) })
  const dispatch = async (payload: object = {}): Promise<TaskDetail> => {
    const response = await post('duty', '/api/v1/tasks', { region: '510104', title: '核查投诉集中商户', instructions: '现场检查并反馈', ...payload })
    expect(response.statusCode, response.body).toBe(201)
    return response.json()
  }
  const stepOk = async (who: string, id: string, payload: object): Promise<TaskDetail> => {
    const response = await post(who, `/api/v1/tasks/${id}/steps`, payload)
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }
  const stored = async (id: string) => ({
    task: await app().database.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    steps: await app().database.db.selectFrom('task_steps').selectAll().where('task_id', '=', id).orderBy('seq').execute(),
  })
  const figures = async (region: string, who = 'duty'): Promise<TaskFigures> => (await get(who, `/api/v1/regions/${region}/tasks/figures`)).json()

  it('dispatches with deadlines in working days and goes through return, reject, reassign, extension, remind and close, all in the history', async () => {
    now = new Date('2026-12-02T10:00:00+08:00')
    const task = await dispatch({ dueWorkingDays: 3, priority: 'high' })
    // Wednesday: three working days on is Monday, one is Thursday; Monday is not due soon yet.
    expect(task).toMatchObject({ state: 'assigned', regionCode: '510104', priority: 'high', clock: 'on_time', escalated: false, escalatedTo: null, alertId: null })
    expect(Date.parse(task.dueAt)).toBe(iso(endOf('2026-12-07')))
    expect(Date.parse(task.acknowledgeDueAt)).toBe(iso(endOf('2026-12-03')))
    expect(task.history).toEqual([expect.objectContaining({ action: 'dispatch', actor: { id: expect.any(String), name: 'tasks-duty', role: 'duty_officer' }, text: null })])

    now = new Date('2026-12-02T11:00:00+08:00')
    await stepOk('jinjiang', task.id, { action: 'reject', text: '属地不符：商户位于青羊区' })
    const reassigned = await stepOk('duty', task.id, { action: 'reassign', region: '510105' })
    expect(reassigned).toMatchObject({ state: 'assigned', regionCode: '510105' })
    // The unit it left has no say any more; the new one acknowledges.
    expect((await post('jinjiang', `/api/v1/tasks/${task.id}/steps`, { action: 'acknowledge' })).statusCode).toBe(403)
    await stepOk('qingyang', task.id, { action: 'acknowledge' })
    await stepOk('qingyang', task.id, { action: 'request_extension', until: '2026-12-11', text: '需等待检测报告' })
    const extended = await stepOk('duty', task.id, { action: 'approve_extension' })
    expect(Date.parse(extended.dueAt)).toBe(iso(endOf('2026-12-11')))
    await stepOk('duty', task.id, { action: 'remind', text: '请加快进度' })
    await stepOk('qingyang', task.id, { action: 'feedback', text: '已责令整改' })
    await stepOk('duty', task.id, { action: 'return', text: '请附整改照片' })
    await stepOk('qingyang', task.id, { action: 'feedback', text: '照片已附' })
    const closed = await stepOk('duty', task.id, { action: 'close', text: '办结' })
    expect(closed).toMatchObject({ state: 'closed', clock: 'on_time' })

    const read: TaskDetail = (await get('leader', `/api/v1/tasks/${task.id}`)).json()
    expect(read.history.map((entry) => [entry.action, entry.actor.name])).toEqual([
      ['dispatch', 'tasks-duty'],
      ['reject', 'tasks-jinjiang'],
      ['reassign', 'tasks-duty'],
      ['acknowledge', 'tasks-qingyang'],
      ['request_extension', 'tasks-qingyang'],
      ['approve_extension', 'tasks-duty'],
      ['remind', 'tasks-duty'],
      ['feedback', 'tasks-qingyang'],
      ['return', 'tasks-duty'],
      ['feedback', 'tasks-qingyang'],
      ['close', 'tasks-duty'],
    ])
    expect(read.history[1]).toMatchObject({ text: '属地不符：商户位于青羊区', actor: { role: 'region_officer' } })
    expect(read.history[2]?.details).toMatchObject({ from: '510104', region: '510105' })
    expect(Date.parse(read.history[1]?.at ?? '')).toBe(iso(now))
    await expect(figures('510100')).resolves.toMatchObject({ open: 0, closedToday: 1 })
  })

  it('refuses wrong steps with their own status and changes nothing', async () => {
    now = new Date('2026-12-02T10:00:00+08:00')
    const task = await dispatch()
    const before = await stored(task.id)
    const refusals: [string, object, number, string][] = [
      ['duty', { action: 'close' }, 409, 'task_state_conflict'],
      ['jinjiang', { action: 'feedback', text: '未签收先反馈' }, 409, 'task_state_conflict'],
      ['duty', { action: 'acknowledge' }, 403, 'forbidden'],
      ['leader', { action: 'remind' }, 403, 'forbidden'],
      ['mianyang', { action: 'acknowledge' }, 403, 'forbidden'],
      ['chengdu', { action: 'close' }, 403, 'forbidden'],
      ['jinjiang', { action: 'reject' }, 422, 'task_request_refused'],
      ['duty', { action: 'approve_extension' }, 409, 'task_state_conflict'],
    ]
    for (const [who, payload, status, code] of refusals) {
      const response = await post(who, `/api/v1/tasks/${task.id}/steps`, payload)
      expect([response.statusCode, response.json().code], `${who} ${JSON.stringify(payload)}`).toEqual([status, code])
      expect(response.headers['content-type']).toContain('application/problem+json')
    }
    await stepOk('jinjiang', task.id, { action: 'acknowledge' })
    const acknowledged = await stored(task.id)
    const pastExtension = await post('jinjiang', `/api/v1/tasks/${task.id}/steps`, { action: 'request_extension', until: '2026-12-01', text: '往回延' })
    expect(pastExtension.statusCode).toBe(422)
    expect(pastExtension.json().errors).toEqual([{ field: 'body.until', message: expect.any(String) }])
    expect(await stored(task.id)).toEqual(acknowledged)
    // Without its CSRF header a session changes nothing either.
    const { 'x-csrf-token': _csrf, ...cookieOnly } = as.get('jinjiang') ?? {}
    expect((await app().inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/steps`, headers: cookieOnly, payload: { action: 'feedback', text: '伪造' } })).json().code).toBe('csrf_refused')
    expect(await stored(task.id)).toEqual(acknowledged)
    expect(acknowledged.task.version).toBe(before.task.version + 1)
    expect(acknowledged.steps.slice(0, before.steps.length)).toEqual(before.steps)
  })

  it('refuses a dispatch with a deadline of today or before, to a region outside scope, and from a screen', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from tasks`.execute(app().database.db)).rows[0]?.n)
    const before = await count()
    const zero = await post('duty', '/api/v1/tasks', { region: '510104', title: 't', instructions: 'i', dueWorkingDays: 0 })
    expect([zero.statusCode, zero.json().code, zero.json().errors?.[0]?.field]).toEqual([422, 'task_request_refused', 'body.dueWorkingDays'])
    expect((await post('duty', '/api/v1/tasks', { region: '510700', title: 't', instructions: 'i' })).statusCode).toBe(403)
    expect((await post('jinjiang', '/api/v1/tasks', { region: '510104', title: 't', instructions: 'i' })).statusCode).toBe(403)
    expect((await post('duty', '/api/v1/tasks', { region: '510104', title: 't', instructions: 'i', alertId: 'no-such-alert' })).statusCode).toBe(404)
    const screen = await bearerOf(app(), 'screen', '510000')
    expect((await app().inject({ method: 'POST', url: '/api/v1/tasks', headers: screen.headers, payload: { region: '510104', title: 't', instructions: 'i' } })).statusCode).toBe(403)
    expect(await count()).toBe(before)
  })

  it('takes the default deadline from the alert rule behind the task', async () => {
    now = new Date('2026-12-02T10:00:00+08:00')
    await app()
      .database.db.insertInto('alerts')
      .values({ id: 'alert-major-case', fingerprint: 'major_case|510104|c1', rule: 'major_case', region_code: '510104', subject: 'c1', severity: 'critical', state: 'firing', figures: '{}', message: JSON.stringify({ zh: '挂牌督办案件', en: 'Major case' }), first_seen_at: now, last_seen_at: now })
      .execute()
    const task = await dispatch({ alertId: 'alert-major-case' })
    // major_case: 2 working days from Wednesday is Friday.
    expect(task).toMatchObject({ alertId: 'alert-major-case' })
    expect(Date.parse(task.dueAt)).toBe(iso(endOf('2026-12-04')))
    expect(task.history[0]?.details).toMatchObject({ dueWorkingDays: 2 })
  })

  it('keeps the history append-only: no route changes it, and the database refuses UPDATE and DELETE', async () => {
    const task = await dispatch()
    const before = await stored(task.id)
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect((await app().inject({ method, url: `/api/v1/tasks/${task.id}`, headers: as.get('duty') })).statusCode).toBe(405)
    }
    const db = app().database.db
    await expect(db.updateTable('task_steps').set({ text: '改写' }).where('task_id', '=', task.id).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('task_steps').where('task_id', '=', task.id).execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate task_steps cascade`.execute(db)).rejects.toThrow(/append-only/)
    expect(await stored(task.id)).toEqual(before)
  })

  it('lets one of two concurrent acknowledgements through and answers the other 409', async () => {
    const task = await dispatch()
    const [first, second] = await Promise.all([post('jinjiang', `/api/v1/tasks/${task.id}/steps`, { action: 'acknowledge' }), post('jinjiang', `/api/v1/tasks/${task.id}/steps`, { action: 'acknowledge' })])
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409])
    const { steps } = await stored(task.id)
    expect(steps.map((entry) => entry.action)).toEqual(['dispatch', 'acknowledge'])
  })

  it('escalates an overdue task to the parent region at its deadline, in the figures and in tasks_overdue', async () => {
    // A county of Mianyang keeps this suite's Chengdu figures apart.
    await addUser(app(), 'tasks-mianyang-duty', 'duty_officer', '510700')
    as.set('mianyang-duty', await logIn(app(), 'tasks-mianyang-duty'))
    now = new Date('2026-11-30T10:00:00+08:00')
    const response = await post('mianyang-duty', '/api/v1/tasks', { region: '510703', title: '食品抽检不合格处置', instructions: '立即下架', dueWorkingDays: 2 })
    expect(response.statusCode, response.body).toBe(201)
    const task: TaskDetail = response.json()
    await stepOk('mianyang', task.id, { action: 'acknowledge' })
    const deadline = endOf('2026-12-02')
    expect(Date.parse(task.dueAt)).toBe(iso(deadline))

    now = new Date(deadline.getTime())
    expect(await figures('510700', 'mianyang-duty')).toMatchObject({ open: 1, dueSoon: 1, overdue: 0 })
    expect(await regionsWhoseClocksMoved(app(), new Date(deadline.getTime() - 1000), deadline, ZONE)).toEqual([])
    now = new Date(deadline.getTime() + 1)
    // Midnight may also bring other tasks' Friday deadlines within the due-soon window.
    expect(await regionsWhoseClocksMoved(app(), deadline, now, ZONE)).toContain('510703')
    expect(await figures('510700', 'mianyang-duty')).toEqual({ open: 1, dueSoon: 0, overdue: 1, closedToday: 0, byRegion: { '510703': { open: 1, overdue: 1 } } })
    const escalated: TaskDetail[] = (await get('mianyang-duty', '/api/v1/tasks?region=510700&escalated=true')).json().tasks
    expect(escalated.map((entry) => [entry.id, entry.clock, entry.escalatedTo])).toEqual([[task.id, 'overdue', '510700']])

    // The metric reads at the real now, after this deadline in 2026.
    const summary = (await get('mianyang-duty', '/api/v1/regions/510700/summary')).json()
    expect(summary.metrics.find((metric: { key: string }) => metric.key === 'tasks_overdue')?.value).toBe(1)
    const breakdown = (await get('mianyang-duty', '/api/v1/regions/510700/breakdown?metric=tasks_overdue')).json()
    expect(breakdown.total.value).toBe(1)
    expect(breakdown.children.find((child: { code: string }) => child.code === '510703')?.value).toBe(1)
  })

  it('publishes tasksChanged when the clock crosses a deadline, without any step', async () => {
    // After every look the watch took so far (it only moves forward), in a county no other case uses.
    now = new Date(Date.now() + 30 * 86_400_000)
    const task = await dispatch({ region: '510106', dueWorkingDays: 10 })
    const heard = new Promise<readonly string[]>((resolve) => {
      const unsubscribe = app().events.tasksChanged.subscribe((event) => {
        if (event.regionCodes.includes('510106')) {
          unsubscribe()
          resolve(event.regionCodes)
        }
      })
    })
    // The acknowledge deadline passes, and the watch's next look sees it.
    now = new Date(Date.parse(task.acknowledgeDueAt) + 1)
    expect(await heard).toContain('510106')
  })
  it('lists closed tasks only when closed since closedSince, by default today', async () => {
    now = new Date('2026-12-09T10:00:00+08:00')
    const task = await dispatch()
    await stepOk('jinjiang', task.id, { action: 'acknowledge' })
    await stepOk('jinjiang', task.id, { action: 'feedback', text: '已现场核查' })
    await stepOk('duty', task.id, { action: 'close' })
    const listed = async (query = '') => {
      const response = await get('duty', `/api/v1/tasks?region=510100${query}`)
      expect(response.statusCode, response.body).toBe(200)
      return (response.json() as { tasks: { id: string }[] }).tasks.map((listedTask) => listedTask.id)
    }
    expect(await listed()).toContain(task.id)
    now = new Date('2026-12-10T00:00:01+08:00')
    expect(await listed()).not.toContain(task.id)
    expect(await listed('&closedSince=2026-12-09')).toContain(task.id)
    expect(await listed('&state=closed&closedSince=2026-12-09')).toContain(task.id)
    expect(await listed('&closedSince=2026-12-10')).not.toContain(task.id)
    const refused = await get('duty', '/api/v1/tasks?closedSince=yesterday')
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('closedSince')
  })
})
