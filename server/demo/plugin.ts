// Demo mode: a server on an empty database fills a short history by itself, then
// keeps the wall alive with live records. Both start once the server listens, in
// the background, so health answers at once; both stop before the database closes.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { CampaignPlan } from './campaign'
import { DemoGenerator } from './generator'
import { backfill, historyStart } from './backfill'
import { ingestPoster } from './ingest-client'
import { LiveSimulator } from './simulator'

export interface DemoOptions {
  /** times the real Sichuan volume in live mode (1 ≈ 2–3 records a minute) */
  speed?: number
  tickMs?: number
  /** days of history a first start fills in */
  firstStartDays?: number
  seed?: number
}

const DEFAULTS = { speed: 20, tickMs: 1000, firstStartDays: 14 }

async function storedDemoCampaigns(app: FastifyInstance): Promise<CampaignPlan[]> {
  const rows = await app.database.db.selectFrom('campaigns').select(['id', 'starts_on', 'ends_on']).where('id', 'like', 'CLXD-%').execute()
  return rows.map((row) => ({ id: row.id, startsOn: row.starts_on, endsOn: row.ends_on }))
}

async function hasRecords(app: FastifyInstance): Promise<boolean> {
  return (await app.database.db.selectFrom('records').select('id').limit(1).executeTakeFirst()) !== undefined
}

export default fp<DemoOptions>(
  async (app, options) => {
    const { speed, tickMs, firstStartDays } = { ...DEFAULTS, ...options }
    const seed = options.seed ?? Date.now() % 2 ** 31
    const post = ingestPoster(app)
    let stopping = false
    let simulator: LiveSimulator | undefined
    let running: Promise<void> | undefined

    const run = async () => {
      const generator = new DemoGenerator({ regions: app.regions, seed, knownCampaigns: await storedDemoCampaigns(app) })
      // Later starts go live from now: items received before a restart keep their last status.
      const liveFrom = Date.now()
      if (!(await hasRecords(app))) {
        app.log.info(`demo: empty database, generating ${firstStartDays} days of history (seed ${seed})`)
        const summary = await backfill(generator, post, {
          from: historyStart(liveFrom, firstStartDays),
          to: liveFrom,
          window: 'hour',
          shouldStop: () => stopping,
          onProgress: ({ daysDone, days, records }) => app.log.info(`demo: history day ${daysDone}/${days}, ${records} records`),
        })
        if (stopping) return
        app.log.info(`demo: history ready, ${summary.records} records in ${(summary.elapsedMs / 1000).toFixed(1)} s`)
      }
      simulator = new LiveSimulator(generator, post, app.log, { speed, tickMs })
      simulator.start(liveFrom)
      app.log.info(`demo: live records at ${speed}× Sichuan's volume`)
    }

    app.addHook('onListen', async () => {
      if (running !== undefined) return
      running = run().catch((error: unknown) => app.log.error({ err: error }, 'demo: stopped by an error'))
    })
    // Registered after the database, so this runs before it closes (onClose hooks run in reverse).
    app.addHook('onClose', async () => {
      stopping = true
      await running
      await simulator?.stop()
    })
  },
  { name: 'demo', dependencies: ['database', 'regions'] },
)
