// Opens the one kysely instance: embedded PGlite by default, a PostgreSQL
// server when DATABASE_URL is set. Both run the same migrations.
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { StartupError } from '../config/startup-error'
import { lockDataDir } from './data-dir-lock'
import { endPool } from './pool-end'
import { migrateToLatest } from './migrate'
import type { Database } from './schema'

export type DatabaseKind = 'pglite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  /** where the data lives, for the start-up line an operator reads */
  location: string
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl: string | undefined
  dataDir: string
  /** a first start will load a year of demo history: a new embedded database gets a larger page cache */
  bulkLoadWhenNew?: boolean
}

const INT8_OID = 20
const DATE_OID = 1082
// Counters and amounts in fen stay far below 2^53; numbers are easier to use than strings.
const parseInt8 = (value: string): number => Number(value)
// A calendar day is a day in the command centre's zone, not a midnight in the server's.
const keepDate = (value: string): string => value

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.databaseUrl === undefined ? await openPglite(options.dataDir, options.bulkLoadWhenNew ?? false) : await openPostgres(options.databaseUrl)
  try {
    await migrateToLatest(handle.db)
  } catch (error) {
    await handle.close()
    throw error
  }
  return handle
}

/**
 * The embedded database's page cache (PostgreSQL's shared_buffers) for a year's bulk load. A first
 * start's history outgrows PGlite's default 128MB within this year's records, and PGlite then
 * reads pages with synchronous file calls: with 1GB the whole history loaded in ×0.83 of the time,
 * side by side (README). Not kept for later starts: the cache costs seconds at every open and
 * stays resident.
 */
const BULK_LOAD_PAGE_CACHE = '1GB'

async function openPglite(dataDir: string, bulkLoadWhenNew: boolean): Promise<DatabaseHandle> {
  ensureWritable(dataDir)
  const lock = lockDataDir(dataDir)
  const folder = path.join(dataDir, 'pglite')
  try {
    const pageCache = bulkLoadWhenNew && !fs.existsSync(folder) ? ['-c', `shared_buffers=${BULK_LOAD_PAGE_CACHE}`] : []
    const pglite = await PGlite.create(folder, { parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepDate }, startParams: [...PGlite.defaultStartParams, ...pageCache] })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    return {
      db,
      kind: 'pglite',
      location: folder,
      close: async () => {
        await db.destroy()
        lock.release()
      },
    }
  } catch (error) {
    lock.release()
    throw new StartupError(`cannot open the embedded database in ${folder}: ${(error as Error).message}`)
  }
}

async function openPostgres(databaseUrl: string): Promise<DatabaseHandle> {
  // JIT compiles for hundreds of milliseconds whenever estimates run high (set-returning jsonb
  // functions make them so); every query here is short, so it only ever costs.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000, options: '-c jit=off' })
  pool.on('connect', (client) => {
    client.setTypeParser(INT8_OID, parseInt8)
    client.setTypeParser(DATE_OID, keepDate)
    // pg-pool hears a client's errors only while it is idle. One in use that loses its server
    // would raise an error nobody hears, ending the process; its query fails anyway, and the
    // pool drops the broken client when it is given back.
    client.on('error', () => {})
  })
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    await db.destroy()
    throw new StartupError(`cannot reach the PostgreSQL server at ${redactPassword(databaseUrl)}: ${(error as Error).message}`)
  }
  return { db, kind: 'postgres', location: redactPassword(databaseUrl), close: () => endPool(pool, 'PostgreSQL pool', () => db.destroy()) }
}

function ensureWritable(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.accessSync(dataDir, fs.constants.W_OK)
  } catch (error) {
    throw new StartupError(`data folder ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}); set REGDECK_DATA_DIR to a folder RegDeck may write`)
  }
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    return 'the configured DATABASE_URL'
  }
}
