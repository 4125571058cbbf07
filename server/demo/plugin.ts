// Demo mode: a server on an empty database fills a short history by itself, then
// keeps the wall alive with live records. Both start once the server listens, in
// the background, so health answers at once; both stop before the database closes.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { CampaignPlan } from './campaign'
import { DemoGenerator } from './generator'
import { backfill, historyStart } from './backfill'
import { ServerClosing, ingestPoster } from './ingest-client'
import { type HistorySpan, planHistory, readHistorySpan, recordHistoryFilled } from './history-progress'
import { storedOpenCases } from './open-cases'
import { LiveSimulator } from './simulator'
import { DutyDesk } from './duty-desk'

export interface DemoOptions {
  /** times the real Sichuan volume in live mode (1 ≈ 2–3 records a minute) */
  speed?: number
  tickMs?: number
  /** days of history a first start fills in */
  firstStartDays?: number
  seed?: number
  /** the command centre's, for the tasks' working-day deadlines */
  timeZone: string
  /** how often the duty desk's people look at their tasks */
  deskTickMs?: number
}

const DEFAULTS = { speed: 20, tickMs: 1000, firstStartDays: 14, deskTickMs: 10_000 }

async function storedDemoCampaigns(app: FastifyInstance): Promise<CampaignPlan[]> {
  const rows = await app.database.db.selectFrom('campaigns').select(['id', 'starts_on', 'ends_on']).where('id', 'like', 'CLXD-%').execute()
  return rows.map((row) => ({ id: row.id, startsOn: row.starts_on, endsOn: row.ends_on }))
}

async function hasRecords(app: FastifyInstance): Promise<boolean> {
  return (await app.database.db.selectFrom('records').select('id').limit(1).executeTakeFirst()) !== undefined
}

/** What history this start fills: a first start's, the rest of one a shutdown cut short (up to now), or none. */
async function historyToFill(app: FastifyInstance, now: number, days: number): Promise<(HistorySpan & { resumed: boolean }) | undefined> {
  const planned = await readHistorySpan(app.database.db)
  if (planned !== undefined) return planned.filledUntil < planned.to ? { ...planned, to: now, resumed: true } : undefined
  // Records but no plan: filled otherwise (a source system, `npm run demo:backfill`).
  if (await hasRecords(app)) return undefined
  const from = historyStart(now, days)
  return { from, to: now, filledUntil: from, resumed: false }
}

const iso = (at: number) => new Date(at).toISOString()

export default fp<DemoOptions>(
  async (app, options) => {
    const { speed, tickMs, firstStartDays, deskTickMs } = { ...DEFAULTS, ...options }
    const seed = options.seed ?? Date.now() % 2 ** 31
    const post = ingestPoster(app)
    let stopping = false
    let simulator: LiveSimulator | undefined
    let desk: DutyDesk | undefined
    let running: Promise<void> | undefined
    /** while a history is being filled: how far it is stored */
    let historyFilledUntil: number | undefined
    const stoppedForShutdown = () =>
      app.log.info(
        historyFilledUntil === undefined
          ? 'demo: stopped for the shutdown'
          : `demo: stopped for the shutdown with the history filled up to ${iso(historyFilledUntil)}; the next start carries on from there`,
      )

    const run = async () => {
      // Later starts go live from now: items received before a restart keep their last status, but open cases go on to their decisions.
      const liveFrom = Date.now()
      const history = await historyToFill(app, liveFrom, firstStartDays)
      // A new history begins with the cases a source system would then have open; a restart or a resumed history takes on the stored ones.
      const openCases = history !== undefined && !history.resumed ? 'lead-in' : await storedOpenCases(app.database.db)
      const generator = new DemoGenerator({ regions: app.regions, seed, knownCampaigns: await storedDemoCampaigns(app), openCases })
      if (history !== undefined) {
        app.log.info(
          history.resumed
            ? `demo: carrying on with the history from ${iso(history.filledUntil)}, where the last start stopped (seed ${seed})`
            : `demo: empty database, generating ${firstStartDays} days of history (seed ${seed})`,
        )
        await planHistory(app.database.db, history)
        historyFilledUntil = history.filledUntil
        const summary = await app.alerts.pausedDuring(() =>
          backfill(generator, post, {
            from: history.filledUntil,
            to: history.to,
            window: 'hour',
            shouldStop: () => stopping,
            onPosted: async (until) => {
              await recordHistoryFilled(app.database.db, until)
              historyFilledUntil = until
            },
            onProgress: ({ daysDone, days, records }) => app.log.info(`demo: history day ${daysDone}/${days}, ${records} records`),
          }),
        )
        if (stopping) return stoppedForShutdown()
        historyFilledUntil = undefined
        app.log.info(`demo: history ready, ${summary.records} records in ${(summary.elapsedMs / 1000).toFixed(1)} s`)
      }
      simulator = new LiveSimulator(generator, post, app.log, { speed, tickMs })
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
  { name: 'demo', dependencies: ['database', 'regions', 'events', 'alerts', 'tasks'] },
)
