// The alert engine in the app: its routes, and the evaluation loop. Commits and clock
// sweeps mark their regions dirty; at most every `intervalMs` the dirty ones are evaluated,
// less often when evaluations grow long under heavy ingest (they keep to EVALUATION_SHARE of
// the time: holds are minutes, so an alert a few seconds later costs nothing), and once a
// minute every region (holds run out, snoozes end, the day's baseline moves with time alone).
// What a person sees changing is published as alertsChanged.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { runEvery, runPaced } from '../jobs/interval-job'
import { DatabaseSource } from '../metrics/metric-source'
import { alertRoutes } from './alert-routes'
import { type AlertDeps, evaluateAlerts } from './evaluate-alerts'
import { COMPLAINTS, SpikeBaselines } from './spike-baselines'
import type { CounterDeltas } from '../events/records-committed'

/** The most of the time the dirty regions' evaluations take: one twentieth. */
const EVALUATION_SHARE = 0.05

export interface AlertsOptions {
  timeZone: string
  /** how often dirty regions are evaluated at most; 0 turns the loop off (tests evaluate by hand) */
  intervalMs: number
  /** how often every region is evaluated */
  sweepMs?: number
  now?: () => Date
}

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertEngine
  }
}

/** What the loop and the tests drive: evaluate now, or the regions marked since the last run. */
export class AlertEngine {
  readonly #dirty = new Set<string>()
  #paused = 0

  constructor(
    private readonly app: FastifyInstance,
    readonly deps: AlertDeps,
  ) {}

  markDirty(codes: Iterable<string>): void {
    for (const code of codes) this.#dirty.add(code)
  }

  /**
   * Runs a bulk load (the demo's first history) without evaluating after its commits, which
   * would only compete with it: the regions it touches stay marked and are evaluated after.
   */
  async pausedDuring<T>(work: () => Promise<T>): Promise<T> {
    this.#paused += 1
    try {
      return await work()
    } finally {
      this.#paused -= 1
    }
  }

  /**
   * Evaluates `codes` (the regions marked dirty since the last run when not given) at `now`, then tells
   * who shows alerts what changed. While paused, the loop's runs (no `codes`, or 'all') wait.
   */
  async evaluate(now: Date, codes?: Iterable<string> | 'all'): Promise<Set<string>> {
    if (this.#paused > 0 && (codes === undefined || codes === 'all')) return new Set()
    const which = codes ?? this.#takeDirty()
    if (which === 'all') this.#dirty.clear()
    else if (codes === undefined && (which as string[]).length === 0) return new Set()
    try {
      const changed = await evaluateAlerts(this.deps, which, now)
      if (changed.size > 0) this.app.events.alertsChanged.publish({ regionCodes: [...changed] })
      return changed
    } catch (error) {
      // Not lost: evaluated again at the next run.
      if (which !== 'all') this.markDirty(which)
      throw error
    }
  }

  #takeDirty(): string[] {
    const taken = [...this.#dirty]
    this.#dirty.clear()
    return taken
  }
}

export default fp<AlertsOptions>(
  async (app, { timeZone, intervalMs, sweepMs = 60_000, now = () => new Date() }) => {
    const baselines = new SpikeBaselines()
    const engine = new AlertEngine(app, { db: app.database.db, source: new DatabaseSource(app.database.db, app.regions, timeZone), regions: app.regions, baselines })
    app.decorate('alerts', engine)
    await app.register(alertRoutes, { timeZone, now })
    // The regions a commit or sweep changed counters in (each record's region and those above it).
    const dirty = (event: { changes: CounterDeltas }) => {
      engine.markDirty(event.changes.keys())
      // Complaints counted on another day than today move the spike baselines of those regions.
      for (const [code, counters] of event.changes) if (Object.keys(counters[COMPLAINTS] ?? {}).some((day) => day !== baselines.day)) baselines.forget([code])
    }
    const unlisten = [
      app.events.recordsCommitted.subscribe((event) => {
        dirty(event)
        // A record the record rules watch may change no counter (a case decided after its opening day).
        engine.markDirty(event.records.map((record) => record.regionCode))
      }),
      app.events.clocksSwept.subscribe(dirty),
    ]
    app.addHook('onClose', async () => {
      for (const stop of unlisten) stop()
    })
    if (intervalMs <= 0) return
    runPaced(app, { minIntervalMs: intervalMs, share: EVALUATION_SHARE }, 'alert evaluation', () => engine.evaluate(now()))
    runEvery(app, sweepMs, 'alert sweep', () => engine.evaluate(now(), 'all'))
  },
  { name: 'alerts', dependencies: ['events', 'metrics'] },
)
