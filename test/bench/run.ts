// npm run bench: measured side by side in one run, on this machine, as a table and JSON.
// - ingest throughput with counters maintained, PostgreSQL and PGlite, beside a raw COPY of
//   the same rows into a bare table (the ceiling);
// - summary and breakdown latency beside a naive GROUP BY over the raw records.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { FastifyInstance } from 'fastify'
import type { IngestRecord } from '../../shared/records'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config/config'
import { DemoGenerator } from '../../server/demo/generator'
import { type BenchDatabase, createBenchDatabase } from './bench-databases'

const DAYS = Number(process.env.BENCH_DAYS ?? 3)
const BATCH = 5000
const LATENCY_RUNS = 50

interface Row {
  database: string
  measure: string
  value: number
  unit: string
}

async function main(): Promise<void> {
  const rows: Row[] = []
  for (const kind of ['postgres', 'pglite'] as const) {
    const database = await createBenchDatabase(kind)
    const app = await buildApp({ config: loadConfig({ ...database.env, REGDECK_DEMO: '0', LOG_LEVEL: 'warn' }), logger: false })
    let closed = false
    try {
      const records = generate(app, DAYS)
      const ingestSeconds = await timed(async () => {
        for (let start = 0; start < records.length; start += BATCH) await app.ingest.ingest(records.slice(start, start + BATCH), { partial: true })
      })
      rows.push(
        { database: kind, measure: `ingest with counters (${records.length} records)`, value: records.length / ingestSeconds, unit: 'records/s' },
      )
      for (const [label, url] of [
        ['summary ytd, province', '/api/v1/regions/510000/summary?period=ytd'],
        ['breakdown ytd, province', '/api/v1/regions/510000/breakdown?metric=complaints_received&period=ytd'],
      ] as const) {
        const latencies = await latenciesOf(() => app.inject(url).then((response) => response.statusCode === 200 || Promise.reject(new Error(`${url}: ${response.statusCode}`))))
        rows.push({ database: kind, measure: `${label} p50`, value: percentile(latencies, 50), unit: 'ms' }, { database: kind, measure: `${label} p95`, value: percentile(latencies, 95), unit: 'ms' })
      }
      const naive = await latenciesOf(() =>
        sql`select r.region_code, count(*) from records r where r.type in ('complaint', 'report') and r.event_at >= date_trunc('year', now()) group by r.region_code`.execute(app.database.db),
      )
      rows.push({ database: kind, measure: 'naive GROUP BY over records p95', value: percentile(naive, 95), unit: 'ms' })
      await app.close()
      closed = true
      const copySeconds = await copyCeiling(database, records)
      rows.push(
        { database: kind, measure: 'raw COPY of the same rows (ceiling)', value: records.length / copySeconds, unit: 'records/s' },
        { database: kind, measure: 'ingest ÷ COPY', value: copySeconds / ingestSeconds, unit: 'ratio' },
      )
    } finally {
      if (!closed) await app.close()
      await database.drop()
    }
  }
  report(rows)
}

function generate(app: FastifyInstance, days: number): IngestRecord[] {
  const generator = new DemoGenerator({ regions: app.regions, seed: 7 })
  const to = Date.now()
  return generator.generate(to - days * 86_400_000, to, 1)
}

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

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return (performance.now() - start) / 1000
}

async function latenciesOf(work: () => Promise<unknown>): Promise<number[]> {
  await work() // warm caches, as a wall that has been running would have them
  const latencies: number[] = []
  for (let run = 0; run < LATENCY_RUNS; run++) latencies.push(await timed(work).then((seconds) => seconds * 1000))
  return latencies
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

function report(rows: readonly Row[]): void {
  const lines = ['| database | measure | value | unit |', '| --- | --- | ---: | --- |', ...rows.map((row) => `| ${row.database} | ${row.measure} | ${row.value.toFixed(row.unit === 'ratio' ? 2 : 1)} | ${row.unit} |`)]
  process.stdout.write(`${lines.join('\n')}\n`)
  const file = path.resolve('bench-results', `bench-${new Date().toISOString().replaceAll(':', '-')}.json`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify({ machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) }, days: DAYS, rows }, null, 2))
  process.stdout.write(`written ${file}\n`)
}

await main()
