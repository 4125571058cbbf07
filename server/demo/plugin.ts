// Demo mode: a server on an empty database fills its history by itself (this year to
// date, then the same span a year earlier), then keeps the wall alive with live records.
// Both start once the server listens, in the background, so health answers at once; both
// stop before the database closes.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { CampaignPlan } from './campaign'
import { chinaDate } from './china-time'
import { DemoGenerator } from './generator'
import { ServerClosing, ingestPoster } from './ingest-client'
import { type HistoryPlan, carriedOn, firstHistoryPlan, isFilled, planHistory, readHistoryPlan } from './history-progress'
import { HistoryFill } from './history-fill'
import { storedOpenCases } from './open-cases'
import { LiveSimulator } from './simulator'
import { DutyDesk } from './duty-desk'

export interface DemoOptions {
  /** times the real Sichuan volume in live mode (1 ≈ 2–3 records a minute) */
  speed?: number
  tickMs?: number
  /** the history a first start fills: that many days, or when undefined this year to date and the same span a year earlier */
  historyDays?: number
  seed?: number
  /** the command centre's, for the tasks' working-day deadlines */
  timeZone: string
  /** how often the duty desk's people look at their tasks */
  deskTickMs?: number
  /** the clock the history is planned by and live records follow (tests hold it early in a year) */
  now?: () => number
}

const DEFAULTS = { speed: 20, tickMs: 1000, deskTickMs: 10_000 }

async function storedDemoCampaigns(app: FastifyInstance): Promise<CampaignPlan[]> {
  const rows = await app.database.db.selectFrom('campaigns').select(['id', 'starts_on', 'ends_on']).where('id', 'like', 'CLXD-%').execute()
  return rows.map((row) => ({ id: row.id, startsOn: row.starts_on, endsOn: row.ends_on }))
}

async function hasRecords(app: FastifyInstance): Promise<boolean> {
  return (await app.database.db.selectFrom('records').select('id').limit(1).executeTakeFirst()) !== undefined
}

/** What history this start fills: a first start's, the rest of one a shutdown cut short, or none. */
async function historyToFill(app: FastifyInstance, now: number, days: number | undefined): Promise<{ plan: HistoryPlan; resumed: boolean } | undefined> {
  const planned = await readHistoryPlan(app.database.db)
  if (planned !== undefined) {
    const plan = carriedOn(planned, now)
    return plan === undefined ? undefined : { plan, resumed: true }
  }
  // Records but no plan: filled otherwise (a source system, `npm run demo:backfill`).
  if (await hasRecords(app)) return undefined
  return { plan: firstHistoryPlan(now, days), resumed: false }
}

const spanText = ({ recent, yearEarlier }: HistoryPlan) =>
  `${chinaDate(recent.from)} to now${yearEarlier === undefined ? '' : `, then ${chinaDate(yearEarlier.from)} to ${chinaDate(yearEarlier.to)} for year-on-year figures`}`

export default fp<DemoOptions>(
  async (app, options) => {
    const { speed, tickMs, deskTickMs } = { ...DEFAULTS, ...options }
    const seed = options.seed ?? Date.now() % 2 ** 31
    const now = options.now ?? Date.now
    const post = ingestPoster(app)
    let stopping = false
    let simulator: LiveSimulator | undefined
    let desk: DutyDesk | undefined
    let running: Promise<void> | undefined
    /** while a history is being filled */
    let filling: HistoryFill | undefined
    const stoppedForShutdown = () =>
      app.log.info(
        filling === undefined || filling.done
          ? 'demo: stopped for the shutdown'
          : `demo: stopped for the shutdown with the history ${filling.describe()}; the next start carries on from there`,
      )

    const startLive = (generator: DemoGenerator, liveFrom: number) => {
      simulator = new LiveSimulator(generator, post, app.log, { speed, tickMs, now })
      simulator.start(liveFrom)
      app.log.info(`demo: live records at ${speed}× Sichuan's volume`)
      desk = new DutyDesk({
        db: () => app.database.db,
        regions: app.regions,
        timeZone: options.timeZone,
        log: app.log,
        speed,
        seed,
        now: () => app.taskClock.now(),
        tasksChanged: (...regionCodes) => app.events.tasksChanged.publish({ regionCodes }),
      })
      desk.start(deskTickMs)
    }

    const run = async () => {
      const knownCampaigns = await storedDemoCampaigns(app)
      // Later starts go live from now: items received before a restart keep their last status, but open cases go on to their decisions.
      const liveFrom = now()
      const history = await historyToFill(app, liveFrom, options.historyDays)
      // A span begun afresh starts with the items a source system would then have open (after the year earlier's span: it holds its own); a restart takes on the stored cases.
      const recentOpenCases = history !== undefined && !history.resumed ? 'lead-in' : await storedOpenCases(app.database.db)
      // Each history item comes whole up to now (`wholeUntil`): a wall looking on while it fills sees real figures.
      const generator = new DemoGenerator({ regions: app.regions, seed, knownCampaigns, openCases: recentOpenCases, leadInNotBefore: history?.plan.yearEarlier?.to, wholeUntil: liveFrom })
      if (history === undefined) return startLive(generator, liveFrom)
      const { plan, resumed } = history
      app.log.info(
        resumed
          ? `demo: carrying on with the history (${spanText(plan)}) where the last start stopped (seed ${seed})`
          : `demo: empty database, generating the history: ${spanText(plan)} (seed ${seed})`,
      )
      await planHistory(app.database.db, plan)
      const yearEarlier = plan.yearEarlier
      // Until the year earlier is in, a year-on-year figure would set this year against part of it.
      if (yearEarlier !== undefined && !isFilled(yearEarlier)) app.loadingDays.set({ from: chinaDate(yearEarlier.filledUntil), to: chinaDate(yearEarlier.to) })
      const fill = new HistoryFill(plan, {
        db: app.database.db,
        post,
        log: app.log,
        shouldStop: () => stopping,
        progress: (percent) => app.events.demoHistory.publish({ percent }),
      })
      filling = fill
      // Up to now first: the year-to-date figures are real as early as can be, and live records follow on from it.
      await app.alerts.pausedDuring(() => fill.fill('recent', generator))
      if (stopping) return stoppedForShutdown()
      if (plan.yearEarlier !== undefined) app.log.info(`demo: this year to date is filled (${fill.records.toLocaleString('en')} records); live records start, the year earlier follows`)
      startLive(generator, liveFrom)
      // Its own generator: the year earlier's items are not this year's.
      const yearEarlierBegun = yearEarlier !== undefined && yearEarlier.filledUntil > yearEarlier.from
      await fill.fill('yearEarlier', new DemoGenerator({ regions: app.regions, seed: seed + 1, knownCampaigns, openCases: yearEarlierBegun ? undefined : 'lead-in', wholeUntil: liveFrom }))
      if (stopping) return stoppedForShutdown()
      fill.finish()
      app.loadingDays.set(null)
      app.log.info(`demo: history ready, ${fill.records.toLocaleString('en')} records in ${(fill.elapsedMs / 1000).toFixed(1)} s`)
    }

    app.addHook('onListen', async () => {
      if (running !== undefined) return
      running = run().catch((error: unknown) => (error instanceof ServerClosing ? stoppedForShutdown() : app.log.error({ err: error }, 'demo: stopped by an error')))
    })
    // From the moment the app starts closing it takes no more requests: stop posting at once.
    app.addHook('preClose', (done) => {
      stopping = true
      done()
    })
    // Registered after the database, so this runs before it closes (onClose hooks run in reverse).
    app.addHook('onClose', async () => {
      await running
      await simulator?.stop()
      await desk?.stop()
    })
  },
  { name: 'demo', dependencies: ['database', 'regions', 'events', 'metrics', 'alerts', 'tasks'] },
)
