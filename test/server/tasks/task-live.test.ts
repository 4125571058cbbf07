// A subscribed screen's `tasks` moves when a task is dispatched or stepped, through the same
// deltas as every other figure, to the task's region and those above it only; and what the
// deltas build equals what HTTP answers for the view.
import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveDelta, type LiveServerToClientEvents, type LiveSnapshot, type Subscribed } from '../../../shared/live'
import { applyChanges } from '../../../shared/live-patch'
import { httpSnapshot } from '../../support/http-snapshot'
import { addUser, logIn } from '../../support/principals'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>

describe.each(testDatabaseKinds())('task figures on a live socket on %s', (kind) => {
  let testApp: TestApp
  let socket: LiveSocket
  const deltas: LiveDelta[] = []
  const snapshots = new Map<string, LiveSnapshot>()
  const headers = new Map<string, Record<string, string>>()

  const subscribe = (region: string) =>
    new Promise<Subscribed>((resolve, reject) =>
      (socket.emit as (event: string, payload: unknown, ack: (answer: LiveAck<Subscribed>) => void) => void)('subscribe', { region, period: 'today' }, (answer) =>
        answer.ok ? resolve(answer.data) : reject(new Error(answer.error.message)),
      ),
    )
  /** The view's snapshot as the deltas received so far built it. */
  const built = (region: string): LiveSnapshot => deltas.filter((delta) => delta.region === region).reduce((snapshot, delta) => applyChanges(snapshot, delta.changes), snapshots.get(region) as LiveSnapshot)

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_LIVE_TICK_MS: '100' })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    for (const [name, role, region] of [['live-duty', 'duty_officer', '510100'], ['live-officer', 'region_officer', '510104']] as const) {
      await addUser(testApp.app, name, role, region)
      headers.set(name, await logIn(testApp.app, name))
    }
    const address = testApp.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    socket = io(`http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false })
    socket.on('delta', (delta) => deltas.push(delta))
    await new Promise<void>((resolve) => socket.on('connect', resolve))
    for (const region of ['510104', '510100', '510700']) snapshots.set(region, (await subscribe(region)).snapshot)
  })
  afterAll(async () => {
    socket.disconnect()
    await testApp.close()
  })

  it("moves the tasks of the task's region and those above it on dispatch and on each step", async () => {
    expect(snapshots.get('510100')?.tasks).toEqual({ open: 0, dueSoon: 0, overdue: 0, closedToday: 0, byRegion: {} })
    const dispatched = await testApp.app.inject({ method: 'POST', url: '/api/v1/tasks', headers: headers.get('live-duty'), payload: { region: '510104', title: '直播督办', instructions: '核查' } })
    expect(dispatched.statusCode, dispatched.body).toBe(201)
    const id = String(dispatched.json().id)
    await expect.poll(() => built('510100').tasks, { timeout: 3000 }).toMatchObject({ open: 1, byRegion: { '510104': { open: 1, overdue: 0 } } })
    await expect.poll(() => built('510104').tasks.open, { timeout: 3000 }).toBe(1)

    for (const [who, action] of [['live-officer', 'acknowledge'], ['live-officer', 'feedback'], ['live-duty', 'close']] as const) {
      const stepped = await testApp.app.inject({ method: 'POST', url: `/api/v1/tasks/${id}/steps`, headers: headers.get(who), payload: { action, text: '已办理' } })
      expect(stepped.statusCode, stepped.body).toBe(200)
    }
    await expect.poll(() => built('510100').tasks, { timeout: 3000 }).toEqual({ open: 0, dueSoon: 0, overdue: 0, closedToday: 1, byRegion: {} })
    for (const region of ['510104', '510100']) expect(built(region)).toEqual(await httpSnapshot(testApp.app, { region, period: 'today' }))
    // Beside the task's region nothing moved.
    expect(deltas.filter((delta) => delta.region === '510700')).toEqual([])
  })
})
