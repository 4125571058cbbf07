import type { FastifyInstance } from 'fastify'
import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveServerToClientEvents, type LiveSnapshot, type Resynced, type Subscribed } from '../../../shared/live'
import { applyChanges } from '../../../shared/live-patch'
import { buildTestApp } from '../../support/test-app'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'
import { complaintReceivedNow } from '../../support/record-factory'

const VIEW = { region: '510100', period: 'today' }

describe.each(testDatabaseKinds())('a screen across a server restart on %s', (kind) => {
  let database: TestDatabase
  let server: FastifyInstance
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents>
  let port = 0
  // What the screen holds: the snapshot and the seq it is at.
  let values: LiveSnapshot | undefined
  let seq = 0
  let resyncs = 0
  const env = () => ({ ...database.env, REGDECK_LIVE_TICK_MS: '100' })
  const start = async () => {
    server = await buildTestApp(env())
    await server.listen({ port, host: '127.0.0.1' })
    const address = server.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    port = address.port
  }
  const ask = <T>(event: 'subscribe' | 'resync', payload: object) =>
    new Promise<T>((resolve, reject) =>
      (socket.emit as (event: string, payload: object, ack: (answer: LiveAck<T>) => void) => void)(event, payload, (answer) =>
        answer.ok ? resolve(answer.data) : reject(new Error(answer.error.message)),
      ),
    )
  const complaintAt = (id: string) => complaintReceivedNow({ id })
  const received = () => values?.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    await start()
    socket = io(`http://127.0.0.1:${port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 200 })
    socket.on('delta', (delta) => {
      if (delta.seq !== seq + 1) return // a gap: the resync on reconnect covers it
      values = applyChanges(values, delta.changes)
      seq = delta.seq
    })
    const subscribed = await ask<Subscribed>('subscribe', VIEW)
    values = subscribed.snapshot
    seq = subscribed.seq
    // As a screen does: on every reconnection (socket.io's own), ask for what it missed.
    socket.on('connect', () => {
      void ask<Resynced>('resync', { ...VIEW, fromSeq: seq }).then((answer) => {
        resyncs += 1
        if (answer.kind === 'snapshot') {
          values = answer.snapshot
          seq = answer.seq
        } else {
          values = answer.deltas.reduce((state, delta) => applyChanges(state, delta.changes), values)
          seq = answer.deltas.at(-1)?.seq ?? seq
        }
      })
    })
  })
  afterAll(async () => {
    socket.disconnect()
    await server.close()
    await database.drop()
  })

  it('reconnects, resyncs and holds exactly a fresh snapshot, the records of the downtime included', async () => {
    await server.ingest.ingest([complaintAt('C-before-restart')], { partial: false })
    await expect.poll(() => received(), { timeout: 3000 }).toBe(1)

    await server.close()
    await expect.poll(() => socket.connected, { timeout: 3000 }).toBe(false)
    // Written while the screen's server is down (by a source posting to a restarted instance).
    const during = await buildTestApp(env())
    await during.ingest.ingest([complaintAt('C-during-restart')], { partial: false })
    await during.close()
    await start()

    await expect.poll(() => resyncs, { timeout: 5000 }).toBe(1)
    expect(received()).toBe(2)
    await server.ingest.ingest([complaintAt('C-after-restart')], { partial: false })
    await expect.poll(() => received(), { timeout: 3000 }).toBe(3)
    const fresh = await ask<Subscribed>('subscribe', VIEW)
    expect(values).toEqual(fresh.snapshot)
  })
})
