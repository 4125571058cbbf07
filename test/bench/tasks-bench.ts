// What follow-up tasks cost the live figures (docs/tasks.md): records stream in at 2,000 a
// second while, every quarter second, the views a live tick reads (the province and each
// city, today) are read through the metric cache, as the hub does. Measured twice in one run:
// with no tasks, then with open tasks across every county and a step every fifth of a second
// (each lets the cached task figures of its region and those above go), so the difference is
// the task figures alone.
import type { FastifyInstance } from 'fastify'
import { readLiveAlerts } from '../../server/alerts/alert-reads'
import { readLiveSnapshot } from '../../server/live/live-snapshots'
import { readContext } from '../../server/metrics/metric-loader'
import { addUser, logIn } from '../support/principals'
import { integratorHeaders } from '../support/integrator-key'
import { complaintReceivedNow } from '../support/record-factory'
import { createBenchDatabase } from './bench-databases'
import { appOn } from './ingest-bench'
import { type BenchRow, type Kind, percentile, timed } from './measure'

const RECORDS_PER_SECOND = Number(process.env.BENCH_LIVE_RATE ?? 2000)
const SECONDS = Number(process.env.BENCH_TASKS_SECONDS ?? 15)
const OPEN_TASKS = Number(process.env.BENCH_TASKS_OPEN ?? 500)
/** batches of a tenth of a second */
const BATCH = RECORDS_PER_SECOND / 10
const READ_EVERY_MS = 250
const STEP_EVERY_MS = 200

interface Phase {
  ackMs: number[]
  readMs: number[]
}

export async function tasksLeg(kind: Kind): Promise<BenchRow[]> {
  const database = await createBenchDatabase(kind)
  const app = await appOn({ ...database.env, REGDECK_ANONYMOUS: 'viewer' })
  try {
    const counties = [...app.regions.all()].filter((region) => region.level === 'county').map((region) => region.code)
    const views = [app.regions.province.code, ...app.regions.children(app.regions.province.code).map((city) => city.code)]
    const headers = await integratorHeaders(app)
    let records = 0
    const feed = async (phase: Phase, stepping: () => Promise<void>) => {
      const until = Date.now() + SECONDS * 1000
      const feeding = (async () => {
        while (Date.now() < until) {
          const batch = Array.from({ length: BATCH }, () => complaintReceivedNow({ id: `C-tasks-bench-${++records}`, regionCode: counties[records % counties.length] as string }))
          const started = performance.now()
          const response = await app.inject({ method: 'POST', url: '/api/v1/records', headers, payload: batch })
          if (response.statusCode !== 200) throw new Error(`records: ${response.statusCode} ${response.body.slice(0, 200)}`)
          phase.ackMs.push(performance.now() - started)
          await pause(Math.max(0, 100 - (performance.now() - started)))
        }
      })()
      const reading = (async () => {
        while (Date.now() < until) {
          const ctx = readContext(app.metricCache)
          phase.readMs.push(1000 * (await timed(() => Promise.all(views.map((region) => readLiveSnapshot(ctx, app.regions, { region, period: 'today' }, (code) => readLiveAlerts(app.database.db, app.regions, app.metricCache.timeZone, code, new Date())))))))
          await pause(READ_EVERY_MS)
        }
      })()
      const steps = (async () => {
        while (Date.now() < until) {
          await stepping()
          await pause(STEP_EVERY_MS)
        }
      })()
      await Promise.all([feeding, reading, steps])
    }

    const without: Phase = { ackMs: [], readMs: [] }
    await feed(without, async () => {})
    const taskIds = await dispatchAcross(app, counties)
    const withTasks: Phase = { ackMs: [], readMs: [] }
    let stepped = 0
    const duty = await logIn(app, 'bench-duty')
    await feed(withTasks, async () => {
      const id = taskIds[++stepped % taskIds.length]
      const response = await app.inject({ method: 'POST', url: `/api/v1/tasks/${id}/steps`, headers: duty, payload: { action: 'remind' } })
      if (response.statusCode !== 200) throw new Error(`remind: ${response.statusCode} ${response.body.slice(0, 200)}`)
    })

    const row = (measure: string, value: number, unit: string): BenchRow => ({ database: kind, measure: `tasks: ${measure}`, value, unit })
    const rows: BenchRow[] = []
    for (const [name, phase] of [['no tasks', without], [`${OPEN_TASKS} open tasks, a step each ${STEP_EVERY_MS} ms`, withTasks]] as const) {
      rows.push(row(`ingest ack p50 at ${RECORDS_PER_SECOND} records/s, ${name}`, round(percentile(phase.ackMs, 50)), 'ms'))
      rows.push(row(`ingest ack p99 at ${RECORDS_PER_SECOND} records/s, ${name}`, round(percentile(phase.ackMs, 99)), 'ms'))
      rows.push(row(`live read of ${views.length} views p50, ${name}`, round(percentile(phase.readMs, 50)), 'ms'))
      rows.push(row(`live read of ${views.length} views p95, ${name}`, round(percentile(phase.readMs, 95)), 'ms'))
    }
    rows.push(row('live read p50, with tasks ÷ without', round(percentile(withTasks.readMs, 50) / percentile(without.readMs, 50)), 'ratio'))
    rows.push(row('ingest ack p50, with tasks ÷ without', round(percentile(withTasks.ackMs, 50) / percentile(without.ackMs, 50)), 'ratio'))
    return rows
  } finally {
    await app.close()
    await database.drop()
  }
}

/** OPEN_TASKS tasks over the counties, a province duty officer dispatching; every tenth already overdue. */
async function dispatchAcross(app: FastifyInstance, counties: readonly string[]): Promise<string[]> {
  await addUser(app, 'bench-duty', 'duty_officer', app.regions.province.code)
  const duty = await logIn(app, 'bench-duty')
  const realNow = app.taskClock.now
  const ids: string[] = []
  for (let index = 0; index < OPEN_TASKS; index++) {
    app.taskClock.now = index % 10 === 0 ? () => new Date(Date.now() - 30 * 86_400_000) : realNow
    const response = await app.inject({ method: 'POST', url: '/api/v1/tasks', headers: duty, payload: { region: counties[index % counties.length], title: `压测督办 ${index}`, instructions: '核查', dueWorkingDays: 1 + (index % 10) } })
    if (response.statusCode !== 201) throw new Error(`dispatch: ${response.statusCode} ${response.body.slice(0, 200)}`)
    ids.push(String(response.json().id))
  }
  app.taskClock.now = realNow
  return ids
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const round = (value: number) => Math.round(value * 100) / 100
