// The alerts leg of npm run bench: the demo's records handed to the ingest service at 2,000 a
// second, once with the alert engine off and once evaluating the dirty regions every second
// (as in production), side by side in one run: what a batch's acknowledgement and this
// process's CPU cost with and without it, what one evaluation takes, and a full evaluation of
// every region (the minute's sweep).
import type { FastifyInstance } from 'fastify'
import { DAY_MS } from '../../server/demo/china-time'
import { DemoGenerator } from '../../server/demo/generator'
import { createBenchDatabase } from './bench-databases'
import { LIVE_SPEED, appOn, lastWednesdayStart } from './ingest-bench'
import { type BenchRow, type Kind, percentile, timed } from './measure'

const RATE = Number(process.env.BENCH_ALERTS_RATE ?? 2000)
const SECONDS = Number(process.env.BENCH_ALERTS_SECONDS ?? 30)
const SWEEPS = 3

interface PacedRun {
  ackMs: number[]
  cpuMicrosPerRecord: number
  evaluationMs: number[]
  sweepMs: number
}

export async function alertsLeg(kind: Kind): Promise<BenchRow[]> {
  const off = await pacedRun(kind, false)
  const on = await pacedRun(kind, true)
  const row = (measure: string, value: number, unit: string): BenchRow => ({ database: kind, measure: `alerts, ${RATE.toLocaleString('en')} records/s for ${SECONDS} s: ${measure}`, value, unit })
  return [
    row('batch acknowledged p50, alerts off', percentile(off.ackMs, 50), 'ms'),
    row('batch acknowledged p50, alerts evaluating', percentile(on.ackMs, 50), 'ms'),
    row('batch acknowledged p95, alerts off', percentile(off.ackMs, 95), 'ms'),
    row('batch acknowledged p95, alerts evaluating', percentile(on.ackMs, 95), 'ms'),
    row(`CPU of this process per record, alerts off${kind === 'pglite' ? ' (PGlite included)' : ''}`, off.cpuMicrosPerRecord, 'µs'),
    row(`CPU of this process per record, alerts evaluating${kind === 'pglite' ? ' (PGlite included)' : ''}`, on.cpuMicrosPerRecord, 'µs'),
    row('CPU per record, evaluating ÷ off', on.cpuMicrosPerRecord / off.cpuMicrosPerRecord, 'ratio'),
    row(`evaluations of the dirty regions (${on.evaluationMs.length}), p50`, percentile(on.evaluationMs, 50), 'ms'),
    row('evaluations of the dirty regions, p95', percentile(on.evaluationMs, 95), 'ms'),
    row(`every region evaluated (the minute's sweep), median of ${SWEEPS}`, on.sweepMs, 'ms'),
  ]
}

/** A fresh database; RATE records each second for SECONDS, each second's batch acknowledged before the next second starts. */
async function pacedRun(kind: Kind, alerts: boolean): Promise<PacedRun> {
  const database = await createBenchDatabase(kind)
  try {
    const app = await appOn({ ...database.env, REGDECK_ALERT_INTERVAL_MS: alerts ? '1000' : '0' })
    try {
      const liveDay = lastWednesdayStart(Date.now())
      const records = new DemoGenerator({ regions: app.regions, seed: 7 }).generate(liveDay, liveDay + DAY_MS, LIVE_SPEED).slice(0, RATE * SECONDS)
      const evaluationMs = timeEvaluations(app)
      const ackMs: number[] = []
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      for (let second = 0; second * RATE < records.length; second++) {
        ackMs.push(1000 * (await timed(() => app.ingest.ingest(records.slice(second * RATE, (second + 1) * RATE), { partial: true }))))
        // Paced, not flat out: the next batch at the next second, as a steady stream arrives.
        const wait = started + (second + 1) * 1000 - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      }
      const cpu = process.cpuUsage(cpuBefore)
      const sweeps: number[] = []
      for (let sweep = 0; sweep < SWEEPS; sweep++) sweeps.push(1000 * (await timed(() => app.alerts.evaluate(new Date(), 'all'))))
      return { ackMs, cpuMicrosPerRecord: (cpu.user + cpu.system) / records.length, evaluationMs: [...evaluationMs], sweepMs: percentile(sweeps, 50) }
    } finally {
      await app.close()
    }
  } finally {
    await database.drop()
  }
}

/** How long each evaluation the loop runs takes, from the bench's side: the engine itself keeps no timings. */
function timeEvaluations(app: FastifyInstance): number[] {
  const times: number[] = []
  const evaluate = app.alerts.evaluate.bind(app.alerts)
  app.alerts.evaluate = async (...args) => {
    const started = performance.now()
    try {
      return await evaluate(...args)
    } finally {
      times.push(performance.now() - started)
    }
  }
  return times
}
