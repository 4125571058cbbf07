// A database holding years of demo history, for read latencies at realistic size.
// Building ten million records takes an hour or more, so a built history
// is kept (a PostgreSQL database, a PGlite folder under bench-data/) and used again
// while the code that shapes it is unchanged and it ended at most a month ago (the
// latencies are over the same records; only "today" and "30d" hold fewer of them).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config/config'
import { backfill, historyStart, progressLine } from '../../server/demo/backfill'
import { chinaDate } from '../../server/demo/china-time'
import { addCalendarDays } from '../../server/time/zoned-time'
import { DemoGenerator } from '../../server/demo/generator'
import { foldCounterChanges } from '../../server/counters/counter-store'
import { admin, databaseUrl } from './bench-databases'
import pg from 'pg'

export interface HistoryDatabase {
  env: Record<string, string>
  records: number
}

const HISTORY_DAYS = 730
const MAX_AGE_DAYS = 31
const SEED = 11
/** records stored per day of history at speed 1 (measured on the demo generator) */
const RECORDS_PER_DAY_AT_SPEED_1 = 3_100
/**
 * What the history's rows depend on: change any of it and the history is built again.
 * Not the migrations: a kept history is migrated when opened, as every deployment is.
 */
const SHAPING_CODE = ['server/demo', 'server/clocks', 'server/metrics/contributions.ts', 'server/metrics/counter-keys.ts']

export async function historyDatabase(kind: 'postgres' | 'pglite', records: number): Promise<HistoryDatabase> {
  const name = `regdeck_bench_history_${records}_${fingerprint()}`
  const today = chinaDate(Date.now())
  const dataDir = path.resolve('bench-data', kind === 'postgres' ? 'postgres' : name)
  const env: Record<string, string> = kind === 'postgres' ? { DATABASE_URL: databaseUrl(name), REGDECK_DATA_DIR: dataDir } : { REGDECK_DATA_DIR: dataDir }
  const marker = kind === 'postgres' ? databaseMarker(env.DATABASE_URL as string) : fileMarker(path.resolve('bench-data', `${name}.pglite.json`))
  const built = await marker.read()
  if (built !== undefined && built.endsOn >= addCalendarDays(today, -MAX_AGE_DAYS)) return { env, records: built.records }

  fs.mkdirSync(path.resolve('bench-data'), { recursive: true })
  if (kind === 'postgres') {
    await admin(`drop database if exists ${name} with (force)`)
    await admin(`create database ${name}`)
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const stored = await buildHistory(env, records)
  await marker.write({ endsOn: today, records: stored })
  return { env, records: stored }
}

interface BuiltHistory {
  endsOn: string
  records: number
}

interface Marker {
  read(): Promise<BuiltHistory | undefined>
  write(built: BuiltHistory): Promise<void>
}

/** Kept in the history database itself: the server outlives a checkout, and so does what it says about its data. */
function databaseMarker(url: string): Marker {
  const query = async <T>(statement: string, values: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query(statement, values)).rows as T[]
    } finally {
      await client.end()
    }
  }
  return {
    read: () =>
      query<{ ends_on: string; records: string }>('select ends_on, records from bench_history')
        .then(([row]) => (row === undefined ? undefined : { endsOn: row.ends_on, records: Number(row.records) }))
        .catch(() => undefined), // no such database or table: not built
    write: async ({ endsOn, records }) => {
      await query('create table bench_history (ends_on text not null, records bigint not null)')
      await query('insert into bench_history values ($1, $2)', [endsOn, records])
    },
  }
}

/** A PGlite history lives under bench-data/, and so does its marker. */
function fileMarker(file: string): Marker {
  return {
    read: async () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BuiltHistory) : undefined),
    write: async (built) => fs.writeFileSync(file, JSON.stringify(built)),
  }
}

/** Two years of demo history through the real ingest path, scaled to about `records` stored records. */
async function buildHistory(env: Record<string, string>, records: number): Promise<number> {
  const app = await buildApp({ config: loadConfig({ ...env, REGDECK_DEMO: '0', LOG_LEVEL: 'warn' }), logger: false })
  try {
    const now = Date.now()
    const speed = records / (HISTORY_DAYS * RECORDS_PER_DAY_AT_SPEED_1)
    process.stderr.write(`building ${records.toLocaleString('en')} records of history at ${speed.toFixed(2)}× the demo volume (${env.DATABASE_URL ?? env.REGDECK_DATA_DIR})\n`)
    await backfill(new DemoGenerator({ regions: app.regions, seed: SEED }), (batch) => app.ingest.ingest(batch, { partial: true }), {
      from: historyStart(now, HISTORY_DAYS),
      to: now,
      speed,
      onProgress: (progress) => {
        if (progress.daysDone % 30 === 0) process.stderr.write(`${progressLine(progress)}\n`)
      },
    })
    await foldCounterChanges(app.database.db)
    await sql`vacuum analyze`.execute(app.database.db)
    const row = await app.database.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  } finally {
    await app.close()
  }
}

function fingerprint(): string {
  const hash = createHash('sha256')
  const files = SHAPING_CODE.flatMap((entry) => (fs.statSync(entry).isDirectory() ? fs.readdirSync(entry, { recursive: true }).map((file) => path.join(entry, String(file))) : [entry]))
  for (const file of files.filter((file) => fs.statSync(file).isFile()).sort()) hash.update(file).update(fs.readFileSync(file))
  hash.update(String(SEED))
  return hash.digest('hex').slice(0, 10)
}
