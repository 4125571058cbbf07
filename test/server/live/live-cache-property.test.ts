// The live hub keeps what its views read between ticks and reads again only what
// commits touched. Whatever the stream, a screen that applied its deltas must hold
// exactly what the HTTP endpoints (which read the database, no cache) answer: random
// streams with lifecycle steps on earlier days, records a year back, retried batches,
// deadline sweeps, folds and campaign records, posted while ticks run.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveView } from '../../../shared/live'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { foldCounterChanges } from '../../../server/counters/counter-store'
import { addCalendarDays, localDateOf } from '../../../server/time/zoned-time'
import { expectHeldAsHttp } from '../../support/http-snapshot'
import { type HeldView, TestScreen, originOf } from '../../support/live-screen'
import { campaign } from '../../support/record-factory'
import { recordStreams, withRunTag } from '../../support/record-streams'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'
const COUNTIES = ['510104', '510105', '510302'] as const
const today = localDateOf(new Date(), ZONE)
const CAMPAIGN = campaign({ id: 'live-cache-campaign', startsOn: addCalendarDays(today, -60), endsOn: addCalendarDays(today, 30) })
const VIEWS: LiveView[] = [
  ...['510104', '510100', '510000'].flatMap((region) => ['today', '30d', 'ytd'].map((period) => ({ region, period }))),
  { region: '510300', period: '7d' },
  { region: '510000', period: `campaign:${CAMPAIGN.id}` },
  { region: '510302', period: `${addCalendarDays(today, -400)}..${today}` },
]

const handling = fc.record({ sweepAfter: fc.boolean(), foldAfter: fc.nat({ max: 3 }).map((draw) => draw === 0), waitAfter: fc.boolean() })
const scenario = recordStreams({ counties: COUNTIES, alsoAYearEarlier: true, minRecords: 6 }).chain((batches) =>
  fc.record({ batches: fc.constant(batches), handling: fc.array(handling, { minLength: batches.length, maxLength: batches.length }), targetsChange: fc.nat({ max: 50 }) }),
)

describe.each(testDatabaseKinds())('live views across commits, with what they read kept between ticks, on %s', (kind) => {
  let testApp: TestApp
  let screen: TestScreen
  let held: HeldView[]

  beforeAll(async () => {
    // Alerts are evaluated often too, so that a view and the HTTP answer settle within a few ticks.
    testApp = await startTestApp(kind, { REGDECK_LIVE_TICK_MS: '50', REGDECK_ALERT_INTERVAL_MS: '100' })
    await testApp.app.ingest.ingest([CAMPAIGN], { partial: false })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    screen = await TestScreen.connect(originOf(testApp.app.server))
    held = []
    for (const view of VIEWS) held.push(await screen.hold(view))
  })
  afterAll(async () => {
    screen.close()
    await testApp.close()
  })

  const expectEveryViewAsHttp = async () => {
    for (const view of held) {
      // Converges within a few ticks; a view that keeps something stale never does.
      await expectHeldAsHttp(testApp.app, view)
      expect(view.gaps).toBe(0)
    }
  }

  it('hold exactly what the HTTP endpoints answer, batch after batch', async () => {
    let execution = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (run) => {
        const batches = withRunTag(run.batches, ++execution)
        for (const [index, batch] of batches.entries()) {
          const { sweepAfter, foldAfter, waitAfter } = run.handling[index]!
          await testApp.app.ingest.ingest(batch, { partial: false })
          const swept = sweepAfter ? await sweepDeadlines(testApp.app.database.db, testApp.app.regions, ZONE, new Date()) : undefined
          if (swept !== undefined) testApp.app.events.clocksSwept.publish(swept)
          if (foldAfter) await foldCounterChanges(testApp.app.database.db)
          if (waitAfter) await new Promise((resolve) => setTimeout(resolve, 60))
        }
        // The campaign's targets change now and then, as a campaign record sent again.
        if (run.targetsChange > 40) await testApp.app.ingest.ingest([{ ...CAMPAIGN, targets: CAMPAIGN.targets.map((target) => ({ ...target, inspections: run.targetsChange })) }], { partial: false })
        await expectEveryViewAsHttp()
      }),
      { numRuns: 6, interruptAfterTimeLimit: 90_000 },
    )
  }, 150_000)
})
