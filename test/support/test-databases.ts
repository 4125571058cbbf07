// Every integration suite runs on both databases RegDeck supports: PGlite in a
// temporary folder, and a fresh database on the real PostgreSQL server. The PGlite folder
// starts with a copy of an initialised, empty cluster (see pglite-template.ts), as the
// PostgreSQL database starts as a copy of template1: both empty of RegDeck's tables.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { copyPgliteTemplate } from './pglite-template'

export type TestDatabaseKind = 'pglite' | 'postgres'

export interface TestDatabase {
  kind: TestDatabaseKind
  /** environment for loadConfig: REGDECK_DATA_DIR, and DATABASE_URL on PostgreSQL */
  env: Record<string, string>
  drop(): Promise<void>
}

/** The kinds this machine can run; PostgreSQL is left out (loudly, by global setup) only outside CI. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return inject('postgresAdminUrl') === null ? ['pglite'] : ['pglite', 'postgres']
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-test-'))
  const removeDataDir = async () => fs.rmSync(dataDir, { recursive: true, force: true })
  if (kind === 'pglite') {
    copyPgliteTemplate(inject('pgliteTemplateDataDir'), dataDir)
    return { kind, env: { REGDECK_DATA_DIR: dataDir }, drop: removeDataDir }
  }

  const adminUrl = inject('postgresAdminUrl')
  if (adminUrl === null) throw new Error('no PostgreSQL server for this test run')
  const name = `regdeck_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  await adminQuery(adminUrl, `create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind,
    env: { REGDECK_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)
      await removeDataDir()
    },
  }
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
