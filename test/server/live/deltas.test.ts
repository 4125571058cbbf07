import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveDelta, type LiveServerToClientEvents, type Resynced, type Subscribed } from '../../../shared/live'
import { applyChanges } from '../../../shared/live-patch'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { complaintReceivedNow } from '../../support/record-factory'

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>
const TICK_MS = 100

describe.each(testDatabaseKinds())('live deltas over a real socket.io connection on %s', (kind) => {
  let testApp: TestApp
  let url: string
  const sockets: LiveSocket[] = []
  let recordNumber = 0
  const newComplaint = (regionCode: string) => {
    recordNumber += 1
    return complaintReceivedNow({ id: `C-delta-${recordNumber}`, regionCode })
  }

  /** A screen: its socket, the deltas it received, and a request helper. */
  const connect = async () => {
    const socket: LiveSocket = io(url, { transports: ['websocket'], reconnection: false })
    sockets.push(socket)
    const deltas: LiveDelta[] = []
    socket.on('delta', (delta) => deltas.push(delta))
    await new Promise<void>((resolve) => socket.on('connect', resolve))
    const request = <T>(event: string, payload: unknown) =>
      new Promise<T>((resolve, reject) =>
        (socket.emit as (event: string, payload: unknown, ack: (answer: LiveAck<T>) => void) => void)(event, payload, (answer) =>
          answer.ok ? resolve(answer.data) : reject(new Error(answer.error.message)),
        ),
      )
    return { socket, deltas, request }
  }
  const freshSnapshot = async (region: string, period: string) => {
    const screen = await connect()
    const { snapshot } = await screen.request<Subscribed>('subscribe', { region, period })
    screen.socket.disconnect()
    return snapshot
  }

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_LIVE_TICK_MS: String(TICK_MS) })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    const address = testApp.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    url = `http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`
  })
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect()
    await testApp.close()
  })

  it("sends deltas to the views of the record's region and those above it, and none to others", async () => {
    const screen = await connect()
    const views = ['510104', '510100', '510000', '510700'].map((region) => ({ region, period: 'today' }))
    const subscribed = new Map<string, Subscribed>()
    for (const view of views) subscribed.set(view.region, await screen.request<Subscribed>('subscribe', view))

    await testApp.app.ingest.ingest([newComplaint('510104')], { partial: false })
    await expect.poll(() => new Set(screen.deltas.map((delta) => delta.region)), { timeout: 3000 }).toEqual(new Set(['510104', '510100', '510000']))
    await new Promise((resolve) => setTimeout(resolve, 5 * TICK_MS))
    expect(screen.deltas.filter((delta) => delta.region === '510700')).toEqual([])

    for (const region of ['510104', '510100', '510000']) {
      const received = screen.deltas.filter((delta) => delta.region === region)
      // One delta per tick at most, seq rising by one from the snapshot's.
      expect(received.map((delta) => delta.seq)).toEqual(received.map((_, index) => (subscribed.get(region)?.seq ?? 0) + index + 1))
      const start = subscribed.get(region)?.snapshot
      if (start === undefined) throw new Error(`no snapshot for ${region}`)
      const built = received.reduce((snapshot, delta) => applyChanges(snapshot, delta.changes), start)
      // The record is in what the deltas built: the count went from nothing to one, and the ticker shows it.
      expect(built.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value).toBe(1)
      expect(Object.keys(built.ticker)).toEqual([`complaint:C-delta-${recordNumber}`])
      expect(built).toEqual(await freshSnapshot(region, 'today'))
    }
  })

  it('answers a resync with the missed deltas, or a fresh snapshot when they are no longer kept', async () => {
    const screen = await connect()
    const view = { region: '510100', period: '7d' }
    const { seq, snapshot } = await screen.request<Subscribed>('subscribe', view)
    await testApp.app.ingest.ingest([newComplaint('510104')], { partial: false })
    await expect.poll(() => screen.deltas.length, { timeout: 3000 }).toBeGreaterThan(0)
    await testApp.app.ingest.ingest([newComplaint('510105')], { partial: false })
    await expect.poll(() => screen.deltas.length, { timeout: 3000 }).toBeGreaterThan(1)

    // As if the screen had missed everything after its snapshot.
    const missed = await screen.request<Resynced>('resync', { ...view, fromSeq: seq })
    if (missed.kind !== 'deltas') throw new Error('expected the kept deltas')
    expect(missed.deltas).toEqual(screen.deltas)
    const built = missed.deltas.reduce((state, delta) => applyChanges(state, delta.changes), snapshot)
    expect(built).toEqual(await freshSnapshot(view.region, view.period))

    const tooOld = await screen.request<Resynced>('resync', { ...view, fromSeq: seq + 1_000 })
    expect(tooOld.kind).toBe('snapshot')
    if (tooOld.kind === 'snapshot') expect(tooOld.snapshot).toEqual(await freshSnapshot(view.region, view.period))
    await expect(screen.request('resync', { ...view })).rejects.toThrow('fromSeq is required')
  })

  it('gives a snapshot, not deltas, to a screen whose seq is from an earlier life of the view', async () => {
    const view = { region: '510105', period: '30d' }
    const first = await connect()
    const earlier = await first.request<Subscribed>('subscribe', view)
    await first.request('unsubscribe', view) // the last screen leaves: the view is let go
    const second = await connect()
    const later = await second.request<Subscribed>('subscribe', view)
    expect(later.seq).toBeGreaterThan(earlier.seq)
    await testApp.app.ingest.ingest([newComplaint('510105')], { partial: false })
    await expect.poll(() => second.deltas.length, { timeout: 3000 }).toBeGreaterThan(0)
    const resynced = await first.request<Resynced>('resync', { ...view, fromSeq: earlier.seq })
    expect(resynced.kind).toBe('snapshot')
  })
})
