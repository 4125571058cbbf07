// Builds the app exactly as `main` does (same loadConfig, same buildApp), on a test database.
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config/config'
import { type TestDatabase, type TestDatabaseKind, createTestDatabase } from './test-databases'

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  close(): Promise<void>
}

/** A fresh database of the given kind and an app on it; `close` removes both. */
export async function startTestApp(kind: TestDatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind)
  const app = await buildTestApp({ ...database.env, ...env })
  return {
    app,
    database,
    close: async () => {
      await app.close()
      await database.drop()
    },
  }
}

/**
 * An app on an existing database, e.g. one a separate process wrote to. Anyone may read it
 * (the anonymous viewer), as on the embedded demo, unless `env` says otherwise: the suites
 * about figures read without logging in; the access suites set REGDECK_ANONYMOUS themselves.
 */
export function buildTestApp(env: Record<string, string>): Promise<FastifyInstance> {
  return buildApp({ config: loadConfig({ REGDECK_DEMO: '0', LOG_LEVEL: 'warn', REGDECK_ANONYMOUS: 'viewer', ...env }), logger: false })
}
