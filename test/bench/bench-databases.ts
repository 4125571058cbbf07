// A fresh database per benchmark leg: PGlite in a temporary folder, or a new
// database on the PostgreSQL server the tests use.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import pg from 'pg'

export interface BenchDatabase {
  env: Record<string, string>
  dataDir: string
  url: string | undefined
  drop(): Promise<void>
}

export const ADMIN_URL = process.env.REGDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** The URL of a database on the same server as ADMIN_URL. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

export async function createBenchDatabase(kind: 'postgres' | 'pglite'): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-bench-'))
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true })
  if (kind === 'pglite') return { env: { REGDECK_DATA_DIR: dataDir }, dataDir, url: undefined, drop: removeDir }
  const name = `regdeck_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  await admin(`create database ${name}`)
  const url = databaseUrl(name)
  return {
    env: { REGDECK_DATA_DIR: dataDir, DATABASE_URL: url },
    dataDir,
    url,
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`)
      await removeDir()
    },
  }
}

export async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
