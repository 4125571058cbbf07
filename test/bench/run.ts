// npm run bench [-- --only ingest,feed,reads,access,alerts,tasks,live,client,wall]: measured side by side in one run, on this
// machine, as a table and JSON.
// - ingest throughput with every counter and clock maintained, PostgreSQL and PGlite,
//   beside a raw COPY of the same rows into a bare table (the ceiling): the demo's day
//   handed to the service (ingest), and new records POSTed as an integrator sends them
//   (feed; ingest-bench.ts);
// - summary, breakdown and trend latency over years of history (10 million records on
//   PostgreSQL by default), beside a naive GROUP BY over the raw records;
// - access: what identifying the caller costs a read, a subscribe and a one-record write
//   (access-bench.ts);
// - tasks: the live views' read and ingest acknowledgement at 2,000 records/s, without
//   follow-up tasks and with hundreds open and being stepped (tasks-bench.ts);
// - live: ingest acknowledgement to delta at 1,000 and 5,000 screens while records
//   stream in, and the cost of delivery beside a bare socket.io broadcast (live-bench.ts);
// - alerts: ingest at 2,000 records/s with the alert engine off and evaluating, side by
//   side (alerts-bench.ts);
// - client: the built client's size, and the shipped font's: in all, and what the overview
//   fetches of it in Chinese and in English (client-size.ts, screen-fonts.ts);
// - wall: first meaningful paint, and a short soak of a rotating wall (test/soak; `npm run
//   soak` runs the 30-minute one).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../server/db/schema'
import { chinaDate, startOfChinaDay } from '../../server/demo/china-time'
import { historyDatabase } from './history-databases'
import { BATCH, FEED, FEEDS, INGEST_RUNS, LIVE_SPEED, appOn, feedLeg, ingestLeg } from './ingest-bench'
import { type BenchRow as Row, type Kind, percentile, timed } from './measure'
import buildClient from '../support/build-client'
import { runWallSoak } from '../soak/wall-soak'
import { clientSize } from './client-size'
import { overviewFontLoads } from './screen-fonts'
import { accessLeg } from './access-bench'
import { alertsLeg } from './alerts-bench'
import { tasksLeg } from './tasks-bench'
import { type LiveFigures, runLiveScenario } from './live-bench'

const HISTORY: Record<Kind, number> = {
  postgres: Number(process.env.BENCH_HISTORY ?? 10_000_000),
  // PGlite is the embedded demo default: a smaller history keeps the run short.
  pglite: Number(process.env.BENCH_PGLITE_HISTORY ?? 1_000_000),
}
const LATENCY_RUNS = 50
const NAIVE_RUNS = 5

const LEGS = ['ingest', 'feed', 'reads', 'access', 'alerts', 'tasks', 'live', 'client', 'wall'] as const
type Leg = (typeof LEGS)[number]

/** `--only live` or `--only ingest,reads`; every leg without it. */
function legsAsked(argv: readonly string[]): Set<Leg> {
  const only = argv.indexOf('--only')
  if (only < 0) return new Set(LEGS)
  const asked = (argv[only + 1] ?? '').split(',').filter((name) => name !== '')
  const unknown = asked.filter((name) => !(LEGS as readonly string[]).includes(name))
  if (asked.length === 0 || unknown.length > 0) throw new Error(`--only takes a comma-separated list of ${LEGS.join(', ')}${unknown.length > 0 ? `, not ${unknown.join(', ')}` : ''}`)
  return new Set(asked as Leg[])
}

async function main(): Promise<void> {
  const legs = legsAsked(process.argv.slice(2))
  const rows: Row[] = []
  for (const kind of ['postgres', 'pglite'] as const) {
    if (legs.has('ingest')) rows.push(...(await ingestLeg(kind)))
    if (legs.has('feed')) rows.push(...(await feedLeg(kind)))
    if (legs.has('reads')) rows.push(...(await readLeg(kind)))
    if (legs.has('access')) rows.push(...(await accessLeg(kind)))
    if (legs.has('alerts')) rows.push(...(await alertsLeg(kind)))
    if (legs.has('tasks')) rows.push(...(await tasksLeg(kind)))
  }
  if (legs.has('live')) rows.push(...(await liveLeg()))
  if (legs.has('client') || legs.has('wall')) buildClient()
  if (legs.has('client')) rows.push(...(await clientLeg()))
  if (legs.has('wall')) rows.push(...(await wallLeg()))
  report(rows)
}

/** The live stream the issue names: 2,000 records a second, screens spread over every region's today and year to date. */
const LIVE = {
  recordsPerSecond: Number(process.env.BENCH_LIVE_RATE ?? 2000),
  seconds: Number(process.env.BENCH_LIVE_SECONDS ?? 60),
  clients: [1000, 5000],
  history: Number(process.env.BENCH_LIVE_HISTORY ?? 1_000_000),
}

async function liveLeg(): Promise<Row[]> {
  const history = await historyDatabase('postgres', LIVE.history)
  const name = new URL(history.env.DATABASE_URL as string).pathname.slice(1)
  const rows: Row[] = []
  for (const clients of LIVE.clients) {
    const figures = await runLiveScenario(name, { clients, recordsPerSecond: LIVE.recordsPerSecond, seconds: LIVE.seconds, bare: clients === LIVE.clients[0] })
    rows.push(...liveRows(figures))
  }
  return rows
}

function liveRows(figures: LiveFigures): Row[] {
  const at = `${figures.clients.toLocaleString('en')} screens on ${figures.views} views`
  const row = (measure: string, value: number, unit: string): Row => ({ database: 'postgres', measure: `live, ${at}: ${measure}`, value, unit })
  const rows = [
    row('records ingested meanwhile', figures.recordsPerSecond, 'records/s'),
    row('ingest acknowledged → delta received p50', figures.latencyMs.p50, 'ms'),
    row('ingest acknowledged → delta received p99', figures.latencyMs.p99, 'ms'),
    row('ingest acknowledged → delta received max', figures.latencyMs.max, 'ms'),
    row(`changes that never arrived (of ${figures.latencyMs.samples.toLocaleString('en')}), deltas missed`, figures.undelivered + figures.gaps, 'count'),
    row(`screens whose state differs from a fresh snapshot at the end (of ${figures.sampleCompared})`, figures.sampleDifferent, 'count'),
    row('tick p50', figures.tickMs.p50, 'ms'),
    row('tick p95', figures.tickMs.p95, 'ms'),
    row('delivery (diff and send) per 10,000 messages', figures.deliveryMsPer10k, 'ms'),
    row('server process CPU per 10,000 messages (ingest and reads included)', figures.serverCpuMsPer10k, 'ms'),
  ]
  if (figures.deltaBytes !== null) rows.push(row('mean delta', figures.deltaBytes, 'bytes'))
  if (figures.bare !== undefined) {
    rows.push(
      row('bare socket.io emit of the same stream per 10,000 messages (ceiling)', figures.bare.emitMsPer10k, 'ms'),
      row('delivery ÷ bare emit', figures.deliveryMsPer10k / figures.bare.emitMsPer10k, 'ratio'),
      row('bare socket.io server process CPU per 10,000 messages', figures.bare.processCpuMsPer10k, 'ms'),
    )
  }
  return rows
}

/** A soak long enough to see a trend, short enough for a bench run; `npm run soak` runs 30 minutes. */
const WALL_SOAK = { minutes: Number(process.env.BENCH_SOAK_MINUTES ?? 6), baselineMinutes: Number(process.env.BENCH_SOAK_BASELINE ?? 1.5), speed: 200, intervalS: 10 }

async function clientLeg(): Promise<Row[]> {
  const size = clientSize()
  const screens = await overviewFontLoads()
  const row = (measure: string, value: number, unit: string): Row => ({ database: 'pglite', measure: `client: ${measure}`, value, unit })
  return [
    row('built client gzipped: RegDeck as a wall loads it (all screens, JS and CSS)', size.appGzipBytes / 1024, 'KiB'),
    row('built client gzipped: d3 and map decoding', size.d3GzipBytes / 1024, 'KiB'),
    row('built client gzipped: loaded on demand, never by a wall (the admin page)', size.onDemandGzipBytes / 1024, 'KiB'),
    row('font: @font-face rules gzipped (every page links them)', size.fontRulesGzipBytes / 1024, 'KiB'),
    row(`font: woff2 subsets shipped (${size.fontFiles} files, fetched by unicode-range)`, size.fontFileBytes / 1024, 'KiB'),
    ...screens.flatMap((screen) => [
      row(`font: files the overview fetches at 1920×1080, ${screen.locale}`, screen.files, 'count'),
      row(`font: bytes the overview fetches at 1920×1080, ${screen.locale}`, screen.bytes / 1024, 'KiB'),
    ]),
  ]
}

async function wallLeg(): Promise<Row[]> {
  const soak = await runWallSoak({ ...WALL_SOAK, playlist: 'overview,campaign,complaints,inspections' })
  const row = (measure: string, value: number, unit: string): Row => ({ database: 'pglite', measure: `wall: ${measure}`, value, unit })
  return [
    row('first meaningful paint (every panel of the first screen filled), server just started', soak.firstMeaningfulPaintMs, 'ms'),
    row('first meaningful paint on a reload, server running', soak.reloadMeaningfulPaintMs, 'ms'),
    row('first contentful paint', soak.firstContentfulPaintMs, 'ms'),
    row(`soak ${soak.minutes.toFixed(1)} min at ${soak.speed}×, playlist every ${WALL_SOAK.intervalS} s: JS heap after GC at ${soak.baseline.atS} s`, soak.baseline.heapMB, 'MB'),
    row(`soak: JS heap after GC at ${soak.end.atS} s`, soak.end.heapMB, 'MB'),
    row('soak: heap change', soak.heapChangePercent, '%'),
    row(`soak: DOM nodes at ${soak.baseline.atS} s`, soak.baseline.domNodes, 'count'),
    row(`soak: DOM nodes at ${soak.end.atS} s`, soak.end.domNodes, 'count'),
    row('soak: DOM change', soak.domChangePercent, '%'),
    row('soak: long tasks after start-up', soak.longTasks.count, 'count'),
    row('soak: long tasks over 200 ms', soak.longTasks.over200ms, 'count'),
    row('soak: longest task after start-up', soak.longTasks.maxMs, 'ms'),
  ]
}

async function readLeg(kind: Kind): Promise<Row[]> {
  const history = await historyDatabase(kind, HISTORY[kind])
  const app = await appOn(history.env)
  try {
    const rows: Row[] = [{ database: kind, measure: 'historical records', value: history.records, unit: 'records' }]
    const latency = async (label: string, work: () => Promise<unknown>, runs: number) => {
      const latencies = await latenciesOf(work, runs)
      rows.push({ database: kind, measure: `${label} p50`, value: percentile(latencies, 50), unit: 'ms' }, { database: kind, measure: `${label} p95`, value: percentile(latencies, 95), unit: 'ms' })
      return percentile(latencies, 95)
    }
    const get = (url: string) => () => app.inject(url).then((response) => (response.statusCode === 200 ? undefined : Promise.reject(new Error(`${url}: ${response.statusCode}`))))
    const summary = await latency('summary ytd, province', get('/api/v1/regions/510000/summary?period=ytd'), LATENCY_RUNS)
    await latency('summary 30d, Chengdu', get('/api/v1/regions/510100/summary?period=30d'), LATENCY_RUNS)
    const breakdown = await latency('breakdown ytd, province', get('/api/v1/regions/510000/breakdown?metric=complaints_received&period=ytd'), LATENCY_RUNS)
    await latency('trend 30 days, province', get('/api/v1/regions/510000/trend?metric=complaints_received&days=30'), LATENCY_RUNS)
    const yearStart = new Date(startOfChinaDay(`${chinaDate(Date.now()).slice(0, 4)}-01-01`))
    const naiveSummary = await latency('naive GROUP BY for the summary', () => naiveSummaryQuery(app.database.db, yearStart), NAIVE_RUNS)
    const naiveBreakdown = await latency('naive GROUP BY for the breakdown', () => naiveBreakdownQuery(app.database.db, yearStart), NAIVE_RUNS)
    rows.push(
      { database: kind, measure: 'naive ÷ summary (p95)', value: naiveSummary / summary, unit: 'ratio' },
      { database: kind, measure: 'naive ÷ breakdown (p95)', value: naiveBreakdown / breakdown, unit: 'ratio' },
    )
    return rows
  } finally {
    await app.close()
  }
}

/** Part of what the summary shows, straight from the records: fewer figures than the summary, so a floor for the naive way. */
function naiveSummaryQuery(db: Kysely<Database>, yearStart: Date) {
  return sql`
    select type, count(*) as records, count(*) filter (where status is not null and status <> 'received') as progressed,
      sum(coalesce((content->>'fineYuan')::numeric, 0) + coalesce((content->>'confiscatedYuan')::numeric, 0)) as fines_yuan
    from records where region_code like '51%' and event_at >= ${yearStart} and event_at < now()
    group by type`.execute(db)
}

function naiveBreakdownQuery(db: Kysely<Database>, yearStart: Date) {
  return sql`
    select left(region_code, 4) as city, count(*) from records
    where type in ('complaint', 'report') and event_at >= ${yearStart} and event_at < now()
    group by 1 order by 2 desc`.execute(db)
}

async function latenciesOf(work: () => Promise<unknown>, runs: number): Promise<number[]> {
  await work() // warm caches, as a wall that has been running would have them
  const latencies: number[] = []
  for (let run = 0; run < runs; run++) latencies.push(await timed(work).then((seconds) => seconds * 1000))
  return latencies
}

function report(rows: readonly Row[]): void {
  const format = (row: Row) => (row.unit === 'ratio' ? row.value.toFixed(2) : ['ms', 'µs', '%', 'MB', 'KiB'].includes(row.unit) ? row.value.toFixed(1) : Math.round(row.value).toLocaleString('en'))
  const lines = ['| database | measure | value | unit |', '| --- | --- | ---: | --- |', ...rows.map((row) => `| ${row.database} | ${row.measure} | ${format(row)} | ${row.unit} |`)]
  process.stdout.write(`${lines.join('\n')}\n`)
  const file = path.resolve('bench-results', `bench-${new Date().toISOString().replaceAll(':', '-')}.json`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify({ machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, liveSpeed: LIVE_SPEED, feeds: FEEDS, ingestRuns: INGEST_RUNS, batch: BATCH, feed: FEED, history: HISTORY, live: LIVE, wallSoak: WALL_SOAK, rows }, null, 2))
  process.stdout.write(`written ${file}\n`)
}

await main()
