import { type Socket, io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveServerToClientEvents, type Subscribed } from '../../../shared/live'
import { METRIC_KEYS } from '../../../shared/metrics'
import { addCalendarDays, isoInTimeZone, localDateOf } from '../../../server/time/zoned-time'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { campaign, complaint, inspection } from '../../support/record-factory'

const TIME_ZONE = 'Asia/Shanghai'

describe.each(testDatabaseKinds())('live views over a real socket.io connection on %s', (kind) => {
  let testApp: TestApp
  let socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents>
  const today = localDateOf(new Date(), TIME_ZONE)
  const hoursAgo = (hours: number) => isoInTimeZone(new Date(Date.now() - hours * 3_600_000), TIME_ZONE)
  // Running today, whatever day the test runs.
  const running = campaign({ id: 'live-test-campaign', startsOn: addCalendarDays(today, -30), endsOn: addCalendarDays(today, 30) })

  const request = <T>(event: 'subscribe' | 'unsubscribe', payload: unknown) =>
    new Promise<LiveAck<T>>((resolve) => (socket.emit as (event: string, payload: unknown, ack: (answer: LiveAck<T>) => void) => void)(event, payload, resolve))
  const subscribe = (payload: unknown) => request<Subscribed>('subscribe', payload)
  const getJson = async (url: string) => {
    const response = await testApp.app.inject(url)
    expect(response.statusCode, url).toBe(200)
    return response.json()
  }

  beforeAll(async () => {
    testApp = await startTestApp(kind)
    const result = await testApp.app.ingest.ingest(
      [
        running,
        complaint({ id: 'C-live-1', receivedAt: hoursAgo(5), statusAt: hoursAgo(5) }),
        complaint({ id: 'C-live-2', regionCode: '510703', receivedAt: hoursAgo(4), status: 'accepted', statusAt: hoursAgo(3) }),
        inspection({ id: 'I-live-1', occurredAt: hoursAgo(2), kind: 'campaign', campaignId: running.id }),
      ],
      { partial: false },
    )
    expect(result.errors).toEqual([])
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    const address = testApp.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    socket = io(`http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false })
    await new Promise<void>((resolve) => socket.on('connect', resolve))
  })
  afterAll(async () => {
    socket.disconnect()
    await testApp.close()
  })

  it('answers a subscription with exactly what the summary, breakdown, campaign progress and ticker endpoints answer', async () => {
    const answer = await subscribe({ region: '510100', period: '30d' })
    if (!answer.ok) throw new Error(`refused: ${answer.error.message}`)
    const { seq, snapshot } = answer.data
    expect(Number.isSafeInteger(seq)).toBe(true)
    expect(snapshot.summary).toEqual(await getJson('/api/v1/regions/510100/summary?period=30d'))
    expect(Object.keys(snapshot.breakdowns).sort()).toEqual([...METRIC_KEYS].sort())
    for (const key of METRIC_KEYS) expect(snapshot.breakdowns[key], key).toEqual(await getJson(`/api/v1/regions/510100/breakdown?metric=${key}&period=30d`))
    expect(snapshot.campaigns).toEqual([await getJson(`/api/v1/campaigns/${running.id}/progress?region=510100`)])
    expect(snapshot.ticker).toEqual(await getJson('/api/v1/regions/510100/ticker'))
    // The records are in it: the figures are not an empty shell, the ticker holds Chengdu's complaint and not Mianyang's.
    expect(Object.keys(snapshot.ticker)).toEqual(['complaint:C-live-1'])
    expect(snapshot.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value).toBe(1)
    expect(snapshot.campaigns[0]?.totals.actuals.inspections).toBe(1)
  })

  it("shows a campaign period's campaign", async () => {
    const campaignView = await subscribe({ region: '510000', period: `campaign:${running.id}` })
    if (!campaignView.ok) throw new Error(campaignView.error.message)
    expect(campaignView.data.snapshot.campaigns.map((progress) => progress.campaign.id)).toEqual([running.id])
    expect(campaignView.data.snapshot.summary).toEqual(await getJson(`/api/v1/regions/510000/summary?period=campaign:${running.id}`))
  })

  it('refuses what it cannot answer with a specific message, and the socket stays usable', async () => {
    const refusals: [unknown, string, RegExp][] = [
      ['510100', 'invalid_payload', /must be an object \{region, period\}/],
      [{ period: '7d' }, 'invalid_payload', /region is required/],
      [{ region: '51', period: '7d' }, 'invalid_payload', /region must be a six-digit GB\/T 2260 region code/],
      [{ region: '510100', period: '7d', metric: 'x' }, 'invalid_payload', /metric is not a field of this request; it has region, period/],
      [{ region: '110000', period: '7d' }, 'unknown_region', /region 110000 is not a map region of 四川省 \(510000\)/],
      [{ region: '510100', period: 'yesterday' }, 'invalid_period', /^period .*yesterday/],
      [{ region: '510100', period: 'campaign:no-such-campaign' }, 'invalid_period', /no-such-campaign.*does not exist/],
    ]
    for (const [payload, code, message] of refusals) {
      const answer = await subscribe(payload)
      expect(answer.ok, JSON.stringify(payload)).toBe(false)
      if (!answer.ok) {
        expect(answer.error.code, JSON.stringify(payload)).toBe(code)
        expect(answer.error.message, JSON.stringify(payload)).toMatch(message)
      }
    }
    expect(socket.connected).toBe(true)
    expect((await subscribe({ region: '510104', period: 'today' })).ok).toBe(true)
  })

  it('holds several views on one socket and lets go of one on unsubscribe', async () => {
    const rooms = () => testApp.app.io.of(LIVE_NAMESPACE).adapter.rooms
    expect((await subscribe({ region: '510000', period: 'ytd' })).ok).toBe(true)
    expect((await subscribe({ region: '510700', period: '7d' })).ok).toBe(true)
    expect(rooms().get('view:510000|ytd')?.has(socket.id as string)).toBe(true)
    expect(rooms().get('view:510700|7d')?.has(socket.id as string)).toBe(true)
    expect(await request('unsubscribe', { region: '510700', period: '7d' })).toEqual({ ok: true, data: null })
    expect(rooms().get('view:510700|7d')?.has(socket.id as string) ?? false).toBe(false)
    expect(rooms().get('view:510000|ytd')?.has(socket.id as string)).toBe(true)
  })
})
