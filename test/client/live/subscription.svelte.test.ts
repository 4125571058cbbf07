// A view's subscription against a scripted link: deltas in seq order, duplicates
// ignored, a gap or a reconnection caught up by resync, a refusal of the view final,
// a failure retried. The real socket path is covered by the server and browser tests.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LiveAck, LiveDelta, LiveSnapshot } from '../../../shared/live'
import type { PatchOperation } from '../../../shared/live-patch'
import { type LiveLink, LiveSubscription, RETRY_MS } from '../../../client/src/live/subscription.svelte'
import type { LiveStatus } from '../../../client/src/live/status'

const VIEW = { region: '510100', period: 'today' }

/** A minimal snapshot of the shared shape, counting complaints in summary.metrics.0.value. */
function snapshot(count: number): LiveSnapshot {
  const region = { code: '510100', name: '成都市', nameEn: 'Chengdu', level: 'city' as const, parentCode: '510000', population: 1, marketEntities: 1, populationEstimated: false, marketEntitiesEstimated: true }
  return {
    summary: {
      region,
      period: { from: '2026-12-01', to: '2026-12-01' },
      previousPeriod: { from: '2025-12-01', to: '2025-12-01' },
      metrics: [{ key: 'complaints_received', value: count, numerator: count, denominator: null, unit: 'items', target: null, previous: null }],
      breakdowns: { intakeByType: {}, intakeByChannel: {}, intakeByCategory: {}, overdueByClock: {} },
    },
    breakdowns: {} as LiveSnapshot['breakdowns'],
    campaigns: [],
    ticker: {},
    alerts: {},
    tasks: { open: 0, dueSoon: 0, overdue: 0, closedToday: 0, byRegion: {} },
  }
}
const countOf = (subscription: LiveSubscription) => subscription.snapshot?.summary.metrics[0]?.value
const delta = (seq: number, count: number): LiveDelta => ({ ...VIEW, seq, changes: [{ op: 'replace', path: '/summary/metrics/0/value', value: count }] as PatchOperation[] })

class ScriptedLink implements LiveLink {
  status: LiveStatus = 'live'
  connected = true
  data = 0
  readonly asked: { event: string; payload: object }[] = []
  readonly #answers: ((event: string, payload: object) => LiveAck<unknown> | Error)[] = []

  answer(next: (event: string, payload: object) => LiveAck<unknown> | Error): void {
    this.#answers.push(next)
  }

  async ask<T>(event: 'subscribe' | 'resync', payload: object): Promise<LiveAck<T>> {
    this.asked.push({ event, payload })
    const next = this.#answers.shift()
    if (next === undefined) throw new Error(`no answer scripted for ${event}`)
    const answer = next(event, payload)
    if (answer instanceof Error) throw answer
    return answer as LiveAck<T>
  }

  noteData(): void {
    this.data += 1
  }
}

afterEach(() => vi.useRealTimers())

describe('LiveSubscription', () => {
  it('applies deltas in seq order, ignores what it already has, and catches up after a gap', async () => {
    const link = new ScriptedLink()
    const subscription = new LiveSubscription(VIEW, link)
    link.answer(() => ({ ok: true, data: { seq: 10, snapshot: snapshot(1) } }))
    await subscription.sync()
    expect(subscription.status).toBe('live')
    subscription.receive(delta(11, 2))
    subscription.receive(delta(11, 99)) // a repeat: already applied
    expect(countOf(subscription)).toBe(2)
    // 13 after 11: 12 was missed, so the missed ones are asked for.
    link.answer((event, payload) => {
      expect([event, payload]).toEqual(['resync', { ...VIEW, fromSeq: 11 }])
      return { ok: true, data: { kind: 'deltas', deltas: [delta(12, 3), delta(13, 4)] } }
    })
    subscription.receive(delta(13, 4))
    await vi.waitFor(() => expect(countOf(subscription)).toBe(4))
    expect(subscription.seq).toBe(13)
    subscription.receive(delta(14, 5))
    expect(countOf(subscription)).toBe(5)
  })

  it('takes a fresh snapshot when the server no longer has the missed deltas', async () => {
    const link = new ScriptedLink()
    const subscription = new LiveSubscription(VIEW, link)
    link.answer(() => ({ ok: true, data: { seq: 10, snapshot: snapshot(1) } }))
    await subscription.sync()
    link.answer(() => ({ ok: true, data: { kind: 'snapshot', seq: 500, snapshot: snapshot(42) } }))
    await subscription.sync()
    expect([countOf(subscription), subscription.seq]).toEqual([42, 500])
    expect(link.asked.map((request) => request.event)).toEqual(['subscribe', 'resync'])
  })

  it('keeps the last good data through a failure and tries again by itself; a refused view is not retried', async () => {
    vi.useFakeTimers()
    const link = new ScriptedLink()
    const subscription = new LiveSubscription(VIEW, link)
    link.answer(() => ({ ok: true, data: { seq: 1, snapshot: snapshot(7) } }))
    await subscription.sync()
    link.answer(() => new Error('operation has timed out'))
    await subscription.sync()
    expect(subscription.problem).toBe('operation has timed out')
    expect(subscription.status).toBe('stale')
    expect(countOf(subscription)).toBe(7)
    link.answer(() => ({ ok: true, data: { kind: 'deltas', deltas: [delta(2, 8)] } }))
    await vi.advanceTimersByTimeAsync(RETRY_MS)
    expect([countOf(subscription), subscription.problem, subscription.status]).toEqual([8, null, 'live'])

    const refused = new LiveSubscription({ region: '110000', period: 'today' }, link)
    link.answer(() => ({ ok: false, error: { code: 'unknown_region', message: 'region 110000 is not a map region' } }))
    await refused.sync()
    await vi.advanceTimersByTimeAsync(RETRY_MS * 3)
    expect(link.asked.filter((request) => (request.payload as { region: string }).region === '110000')).toHaveLength(1)
    expect(refused.problem).toMatch(/110000/)
    // The screen words the refusal by its code; a failure that is retried is no refusal.
    expect([refused.refusal, subscription.refusal]).toEqual(['unknown_region', null])
  })

  it('takes a view outside the scope (forbidden) as final: asked once, refused by its code', async () => {
    vi.useFakeTimers()
    const link = new ScriptedLink()
    const refused = new LiveSubscription({ region: '510100', period: 'today' }, link)
    link.answer(() => ({ ok: false, error: { code: 'forbidden', message: 'region 510100 is outside your scope' } }))
    await refused.sync()
    await vi.advanceTimersByTimeAsync(RETRY_MS * 3)
    expect(link.asked).toHaveLength(1)
    expect(refused.refusal).toBe('forbidden')
  })

  it('starts afresh when a delta does not fit what it holds, and ignores what is not a delta', async () => {
    const link = new ScriptedLink()
    const subscription = new LiveSubscription(VIEW, link)
    link.answer(() => ({ ok: true, data: { seq: 1, snapshot: snapshot(1) } }))
    await subscription.sync()
    subscription.receive({ region: VIEW.region, period: VIEW.period, seq: 2, changes: 'everything' })
    expect(subscription.seq).toBe(1)
    link.answer((event) => {
      expect(event).toBe('subscribe')
      return { ok: true, data: { seq: 9, snapshot: snapshot(5) } }
    })
    subscription.receive({ ...VIEW, seq: 2, changes: [{ op: 'remove', path: '/summary/no/such/path' }] })
    await vi.waitFor(() => expect(countOf(subscription)).toBe(5))
  })

  it('follows the link: amber or red while the link is, connecting until the first snapshot', async () => {
    const link = new ScriptedLink()
    const subscription = new LiveSubscription(VIEW, link)
    expect(subscription.status).toBe('connecting')
    link.status = 'offline'
    expect(subscription.status).toBe('offline')
    link.status = 'live'
    link.answer(() => ({ ok: true, data: { seq: 1, snapshot: snapshot(1) } }))
    await subscription.sync()
    link.status = 'stale'
    expect(subscription.status).toBe('stale')
  })

  it('tells each panel when its own part of the view last changed', async () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const link = new ScriptedLink()
    const subscription = new LiveSubscription(VIEW, link)
    link.answer(() => ({ ok: true, data: { seq: 1, snapshot: snapshot(1) } }))
    await subscription.sync()
    expect(subscription.changedAtOf(['/ticker'])).toBe(1_000_000)
    vi.setSystemTime(1_005_000)
    subscription.receive(delta(2, 2))
    expect(subscription.changedAtOf(['/summary/metrics'])).toBe(1_005_000)
    expect(subscription.changedAtOf(['/ticker', '/campaigns'])).toBe(1_000_000)
    vi.setSystemTime(1_009_000)
    subscription.receive({ ...VIEW, seq: 3, changes: [{ op: 'add', path: '/ticker/complaint:7', value: {} }] as PatchOperation[] })
    expect(subscription.changedAtOf(['/ticker'])).toBe(1_009_000)
    expect(subscription.changedAtOf(['/summary/metrics'])).toBe(1_005_000)
    // A fresh snapshot is new data for every part.
    vi.setSystemTime(1_020_000)
    link.answer(() => ({ ok: true, data: { kind: 'snapshot', seq: 50, snapshot: snapshot(3) } }))
    await subscription.sync()
    expect(subscription.changedAtOf(['/summary/metrics'])).toBe(1_020_000)
  })
})
