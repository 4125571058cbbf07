// The ingest legs of npm run bench, each beside a raw COPY of the same rows (the ceiling):
// - ingest: the demo's working day at 20×, lifecycle steps of stored records among them,
//   handed to the service in 5,000-record batches by two feeds;
// - feed: new records only, as an integrator's system sends them: two writers each POSTing
//   2,000-record JSON bodies over HTTP, validation and all.
import http from 'node:http'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { FastifyInstance } from 'fastify'
import { type IngestRecord, IngestResult } from '../../shared/records'
import { Check } from 'typebox/value'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config/config'
import { DAY_MS, HOUR_MS, chinaDate, startOfChinaDay } from '../../server/demo/china-time'
import { DemoGenerator } from '../../server/demo/generator'
import { foldCounterChanges } from '../../server/counters/counter-store'
import { createIntegratorToken } from '../support/integrator-key'
import { type BenchDatabase, createBenchDatabase } from './bench-databases'
import { type BenchRow, type Kind, percentile, timed } from './measure'

/** The live stream: a working day of the demo at this many times the calibrated volume, as a busy province's peak. */
export const LIVE_SPEED = Number(process.env.BENCH_LIVE_SPEED ?? 20)
/** Batches as large as one JSON request may be, from this many feeds at once. */
export const BATCH = 5000
export const FEEDS = 2
/** An integrator's feed: smaller requests, as source systems send them. */
export const FEED = { batch: 2000, writers: 2 }
/** Throughput on this virtual machine varies by a fifth from run to run: the median of several tells more than one. */
export const INGEST_RUNS = Number(process.env.BENCH_INGEST_RUNS ?? 3)

interface IngestRun {
  records: number
  ingestSeconds: number
  /** this process's CPU meanwhile: the server's Node thread, its helpers, and PGlite when that is the database */
  cpuMicrosPerRecord: number
  copySeconds: number
}

export async function ingestLeg(kind: Kind): Promise<BenchRow[]> {
  const runs = await repeated(() => ingestRun(kind))
  const records = (runs[0] as IngestRun).records.toLocaleString('en')
  return throughputRows(kind, 'ingest', `ingest with counters and clocks (${records} records of a working day at ${LIVE_SPEED}×, ${FEEDS} feeds), median of ${INGEST_RUNS} runs`, runs)
}

export async function feedLeg(kind: Kind): Promise<BenchRow[]> {
  const runs = await repeated(() => feedRun(kind))
  const records = (runs[0] as IngestRun).records.toLocaleString('en')
  const label = `feed: new records over HTTP (${records} records of a working day at ${LIVE_SPEED}×, ${FEED.batch.toLocaleString('en')} a request, ${FEED.writers} writers), median of ${INGEST_RUNS} runs`
  return throughputRows(kind, 'feed', label, runs)
}

async function repeated(run: () => Promise<IngestRun>): Promise<IngestRun[]> {
  const runs: IngestRun[] = []
  for (let index = 0; index < INGEST_RUNS; index++) runs.push(await run())
  return runs
}

function throughputRows(kind: Kind, leg: string, label: string, runs: readonly IngestRun[]): BenchRow[] {
  const ingest = runs.map((run) => run.records / run.ingestSeconds)
  const copy = runs.map((run) => run.records / run.copySeconds)
  return [
    { database: kind, measure: label, value: percentile(ingest, 50), unit: 'records/s' },
    { database: kind, measure: `${leg}, slowest run`, value: Math.min(...ingest), unit: 'records/s' },
    { database: kind, measure: `${leg}, fastest run`, value: Math.max(...ingest), unit: 'records/s' },
    { database: kind, measure: `${leg}: raw COPY of the same rows (ceiling), median`, value: percentile(copy, 50), unit: 'records/s' },
    { database: kind, measure: `${leg} ÷ COPY (medians)`, value: percentile(ingest, 50) / percentile(copy, 50), unit: 'ratio' },
    { database: kind, measure: `${leg}: CPU of this process per record, median${kind === 'pglite' ? ' (PGlite included)' : ''}`, value: percentile(runs.map((run) => run.cpuMicrosPerRecord), 50), unit: 'µs' },
  ]
}

/** One working day into a fresh database, after the day before; then the same rows by COPY into a bare table. */
async function ingestRun(kind: Kind): Promise<IngestRun> {
  return timedIntoFreshDatabase(kind, async (app) => {
    const generator = new DemoGenerator({ regions: app.regions, seed: 7 })
    const liveDay = lastWednesdayStart(Date.now())
    // The day before goes in first, untimed: the live day then carries its lifecycle steps as updates, as a live stream does.
    const dayBefore = generator.generate(liveDay - DAY_MS, liveDay, LIVE_SPEED)
    for (let start = 0; start < dayBefore.length; start += BATCH) await app.ingest.ingest(dayBefore.slice(start, start + BATCH), { partial: true })
    await foldCounterChanges(app.database.db)
    const records = generator.generate(liveDay, liveDay + DAY_MS, LIVE_SPEED)
    let next = 0
    const feed = async () => {
      for (let start = next; start < records.length; start = next) {
        next += BATCH
        await app.ingest.ingest(records.slice(start, start + BATCH), { partial: true })
      }
    }
    return { records, work: () => Promise.all(Array.from({ length: FEEDS }, feed)) }
  })
}

/** The same working day as records seen for the first time, each in its latest version, POSTed as JSON by two writers. */
async function feedRun(kind: Kind): Promise<IngestRun> {
  return timedIntoFreshDatabase(kind, async (app) => {
    const liveDay = lastWednesdayStart(Date.now())
    const latest = new Map<string, IngestRecord>()
    for (const record of new DemoGenerator({ regions: app.regions, seed: 7 }).generate(liveDay, liveDay + DAY_MS, LIVE_SPEED)) latest.set(`${record.type}|${record.id}`, record)
    // Without campaigns: a writer's batch naming one could commit before the other's that creates it.
    const records = [...latest.values()].filter((record) => record.type !== 'campaign' && (record as { campaignId?: string }).campaignId === undefined)
    // Bodies built beforehand: the writers' own JSON work is no part of the server's.
    const bodies: { json: Buffer; records: number }[] = []
    for (let start = 0; start < records.length; start += FEED.batch) {
      const batch = records.slice(start, start + FEED.batch)
      bodies.push({ json: Buffer.from(JSON.stringify(batch)), records: batch.length })
    }
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const agent = new http.Agent({ keepAlive: true, maxSockets: FEED.writers })
    const authorization = `Bearer ${await createIntegratorToken(app.database.db)}`
    let next = 0
    const writer = async () => {
      while (next < bodies.length) await postRecords(`${address}/api/v1/records`, bodies[next++] as (typeof bodies)[number], agent, authorization)
    }
    return { records, work: () => Promise.all(Array.from({ length: FEED.writers }, writer)).finally(() => agent.destroy()) }
  })
}

/**
 * A fresh database and app; `prepare` builds what to send (untimed); `work` is timed until every
 * counter change is folded into the day and month tables, since the folder's work counts too.
 * Then the same rows by COPY into a bare table.
 */
async function timedIntoFreshDatabase(kind: Kind, prepare: (app: FastifyInstance) => Promise<{ records: IngestRecord[]; work: () => Promise<unknown> }>): Promise<IngestRun> {
  const database = await createBenchDatabase(kind)
  try {
    const app = await appOn(database.env)
    let records: IngestRecord[]
    let ingestSeconds: number
    let cpu: NodeJS.CpuUsage
    try {
      const prepared = await prepare(app)
      records = prepared.records
      const cpuBefore = process.cpuUsage()
      ingestSeconds = await timed(async () => {
        await prepared.work()
        await foldCounterChanges(app.database.db)
      })
      cpu = process.cpuUsage(cpuBefore)
    } finally {
      await app.close()
    }
    return { records: records.length, ingestSeconds, cpuMicrosPerRecord: (cpu.user + cpu.system) / records.length, copySeconds: await copyCeiling(database, records) }
  } finally {
    await database.drop()
  }
}

/** One POST; anything but every record accepted is a broken bench, not a figure. */
function postRecords(url: string, body: { json: Buffer; records: number }, agent: http.Agent, authorization: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { authorization, 'content-type': 'application/json', 'content-length': body.json.length } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        const result: unknown = JSON.parse(text)
        if (response.statusCode !== 200 || !Check(IngestResult, result) || result.accepted !== body.records) {
          reject(new Error(`feed: ${response.statusCode} ${text.slice(0, 500)}`))
        } else resolve()
      })
    })
    request.on('error', reject)
    request.end(body.json)
  })
}

/**
 * Start of the last Wednesday before today, China time: a working day, the same
 * weekday every run, so the volume is comparable from run to run.
 */
export function lastWednesdayStart(now: number): number {
  let day = startOfChinaDay(chinaDate(now - DAY_MS))
  while (new Date(day + 12 * HOUR_MS).getUTCDay() !== 3) day = startOfChinaDay(chinaDate(day - 12 * HOUR_MS))
  return day
}

/** The bench measures throughput, not the per-key limit that guards a shared server. */
const BENCH_RATE_LIMIT = 1_000_000
export const appOn = (env: Record<string, string>): Promise<FastifyInstance> => buildApp({ config: loadConfig({ ...env, REGDECK_DEMO: '0', LOG_LEVEL: 'warn', REGDECK_INGEST_RATE_LIMIT: String(BENCH_RATE_LIMIT) }), logger: false })

/** The same rows as CSV into a bare table: what the database can take at most. */
async function copyCeiling(database: BenchDatabase, records: readonly IngestRecord[]): Promise<number> {
  const create = 'create table bench_raw (type text, id text, region_code char(6), content jsonb)'
  const csv = records.map((record) => [record.type, record.id, record.regionCode, csvField(JSON.stringify(record))].join(',')).join('\n')
  if (database.url === undefined) {
    const pglite = await PGlite.create(path.join(database.dataDir, 'pglite'))
    try {
      await pglite.query(create)
      return await timed(() => pglite.query(`copy bench_raw from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) }))
    } finally {
      await pglite.close()
    }
  }
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query(create)
    return await timed(() => pipeline(Readable.from([csv]), client.query(copyFrom('copy bench_raw from stdin with (format csv)'))))
  } finally {
    await client.end()
  }
}

const csvField = (text: string) => `"${text.replaceAll('"', '""')}"`
