// Time alone moves figures: at local midnight "today" starts again from nothing, and
// the statutory deadlines of the day run out (every deadline ends a local day), so an
// item turns overdue. Both reach the screen as deltas, with no record arriving. The
// test's clock (Date only; timers stay real) is set just before midnight, China time.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { expectHeldAsHttp } from '../../support/http-snapshot'
import { type HeldView, TestScreen, originOf } from '../../support/live-screen'
import { complaint } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const BEFORE_MIDNIGHT = new Date('2026-12-10T23:59:58.500+08:00')
// Received on 1 December: its acceptance is due within 7 working days, by the end of 10 December.
const DUE_TONIGHT = complaint({ id: 'C-due-tonight', regionCode: '510104', receivedAt: '2026-12-01T10:00:00+08:00', statusAt: '2026-12-01T10:00:00+08:00' })
const RECEIVED_TODAY = complaint({ id: 'C-received-today', regionCode: '510104', receivedAt: '2026-12-10T15:00:00+08:00', statusAt: '2026-12-10T15:00:00+08:00' })
// Elsewhere nothing runs out tonight: only the new day itself can reset its figures.
const QUIET_TODAY = complaint({ id: 'C-quiet-today', regionCode: '510105', receivedAt: '2026-12-10T16:00:00+08:00', status: 'accepted', statusAt: '2026-12-10T17:00:00+08:00' })

const valueOf = (view: HeldView, key: string) => view.snapshot.summary.metrics.find((metric) => metric.key === key)?.value

describe.each(testDatabaseKinds())('a screen across local midnight on %s', (kind) => {
  let testApp: TestApp
  let screen: TestScreen
  let today: HeldView
  let quiet: HeldView
  let ytd: HeldView

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: BEFORE_MIDNIGHT })
    testApp = await startTestApp(kind, { REGDECK_LIVE_TICK_MS: '50' })
    await testApp.app.ingest.ingest([DUE_TONIGHT, RECEIVED_TODAY, QUIET_TODAY], { partial: false })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    screen = await TestScreen.connect(originOf(testApp.app.server))
    today = await screen.hold({ region: '510104', period: 'today' })
    quiet = await screen.hold({ region: '510105', period: 'today' })
    ytd = await screen.hold({ region: '510100', period: 'ytd' })
  })
  afterAll(async () => {
    screen?.close()
    await testApp?.close()
    vi.useRealTimers()
  })

  it('starts today afresh and counts the item whose deadline ran out, without a record arriving', async () => {
    expect(new Date().getTime()).toBeLessThan(Date.parse('2026-12-11T00:00:00+08:00'))
    expect([valueOf(today, 'complaints_received'), valueOf(today, 'overdue_open')]).toEqual([1, 0])
    expect(valueOf(quiet, 'complaints_received')).toBe(1)
    expect(valueOf(ytd, 'overdue_open')).toBe(0)
    const seqs = [today.seq, quiet.seq, ytd.seq]

    vi.setSystemTime(new Date('2026-12-11T00:00:00.500+08:00'))
    await expect.poll(() => [valueOf(today, 'complaints_received'), valueOf(today, 'overdue_open')], { timeout: 3000 }).toEqual([0, 1])
    await expect.poll(() => valueOf(quiet, 'complaints_received'), { timeout: 3000 }).toBe(0)
    await expect.poll(() => valueOf(ytd, 'overdue_open'), { timeout: 3000 }).toBe(1)
    expect(today.snapshot.summary.period).toEqual({ from: '2026-12-11', to: '2026-12-11' })
    expect([today.seq, quiet.seq, ytd.seq].every((seq, index) => seq > (seqs[index] ?? 0))).toBe(true)
    expect([today.gaps, quiet.gaps, ytd.gaps]).toEqual([0, 0, 0])
    // The new day clears the live cache at the instant the sweep commits; under load the sweep's
    // figures then reach a view over two ticks (seen once in twelve loaded runs), so the state is
    // awaited, and must come to equal a fresh snapshot exactly.
    for (const view of [today, quiet, ytd]) await expectHeldAsHttp(testApp.app, view)
  })
})
