import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Heartbeat, LIVE_NAMESPACE, type LiveClientToServerEvents, type LiveServerToClientEvents } from '../../../shared/live'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

describe.each(testDatabaseKinds())('live heartbeat over a real socket.io connection on %s', (kind) => {
  let testApp: TestApp
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents>
  const beats: Heartbeat[] = []

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_HEARTBEAT_MS: '200' })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    const address = testApp.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    socket = io(`http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false })
    socket.on('heartbeat', (beat) => beats.push(beat))
  })
  afterAll(async () => {
    socket.disconnect()
    await testApp.close()
  })

  it('sends a beat on connect, then one per interval with seq rising by one', async () => {
    await expect.poll(() => beats.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4)
    const first = beats[0]
    expect(first?.intervalMs).toBe(200)
    expect(first?.serverTime).toMatch(/\+08:00$/)
    const seqs = beats.slice(1).map((beat) => beat.seq)
    seqs.forEach((seq, index) => {
      if (index > 0) expect(seq).toBe((seqs[index - 1] ?? 0) + 1)
    })
    const times = beats.map((beat) => Date.parse(beat.serverTime))
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] ?? 0))).toBe(true)
    expect(Math.abs((times.at(-1) ?? 0) - Date.now())).toBeLessThan(2000)
  })
})
