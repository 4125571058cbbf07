// Once per test run: find the PostgreSQL server (CI must have one), and initialise the PGlite
// cluster that PGlite test databases start as a copy of.
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createPgliteTemplate } from './pglite-template'

export const DEFAULT_POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string | null
    /** a data folder holding an initialised, empty PGlite cluster, for test databases to copy */
    pgliteTemplateDataDir: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const adminUrl = process.env.REGDECK_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_ADMIN_URL
  const reachable = await canConnect(adminUrl)
  if (!reachable) {
    const message = `PostgreSQL is not reachable at ${adminUrl}: the PostgreSQL leg of the integration tests will NOT run (only PGlite).`
    if (process.env.CI) throw new Error(`${message} CI requires it.`)
    process.stderr.write(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n\n`)
  }
  project.provide('postgresAdminUrl', reachable ? adminUrl : null)
  const template = await createPgliteTemplate()
  project.provide('pgliteTemplateDataDir', template.dataDir)
  return template.remove
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}
