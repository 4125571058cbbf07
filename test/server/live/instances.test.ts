import type { FastifyInstance } from 'fastify'
import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Heartbeat, LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveDelta, type LiveServerToClientEvents, type Subscribed } from '../../../shared/live'
import { type TestApp, buildTestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { complaintReceivedNow } from '../../support/record-factory'

// Several instances share one PostgreSQL server; the embedded database serves one process.
describe.skipIf(!testDatabaseKinds().includes('postgres'))('two server instances on one PostgreSQL database', () => {
  let instanceA: TestApp
  let instanceB: FastifyInstance
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents>
  const deltas: LiveDelta[] = []
  const beats: Heartbeat[] = []

  beforeAll(async () => {
    const env = { REGDECK_LIVE_TICK_MS: '100', REGDECK_HEARTBEAT_MS: '200' }
    instanceA = await startTestApp('postgres', env)
    instanceB = await buildTestApp({ ...instanceA.database.env, ...env })
    await instanceA.app.listen({ port: 0, host: '127.0.0.1' })
    await instanceB.listen({ port: 0, host: '127.0.0.1' })
    const address = instanceB.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    socket = io(`http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false })
    socket.on('delta', (delta) => deltas.push(delta))
    socket.on('heartbeat', (beat) => beats.push(beat))
    await new Promise<void>((resolve) => socket.on('connect', resolve))
  })
  afterAll(async () => {
    socket.disconnect()
    await instanceB.close()
    await instanceA.close()
  })

  it('brings a record ingested on instance A to a screen connected to instance B', async () => {
    const answer = await new Promise<LiveAck<Subscribed>>((resolve) => socket.emit('subscribe', { region: '510100', period: 'today' }, resolve))
    if (!answer.ok) throw new Error(answer.error.message)
    await instanceA.app.ingest.ingest([complaintReceivedNow({ id: 'C-across-instances' })], { partial: false })
    await expect.poll(() => deltas.map((delta) => delta.region), { timeout: 5000 }).toContain('510100')
    expect(deltas[0]?.seq).toBe(answer.data.seq + 1)
  })

  it("gives a screen its own instance's heartbeat only", async () => {
    await expect.poll(() => beats.length, { timeout: 5000 }).toBeGreaterThanOrEqual(5)
    const seqs = beats.slice(1).map((beat) => beat.seq)
    expect(seqs).toEqual(seqs.map((_, index) => (seqs[0] ?? 0) + index))
  })
})
