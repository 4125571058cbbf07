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

export async function startTestApp(kind: TestDatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind)
  const config = loadConfig({ REGDECK_DEMO: '0', LOG_LEVEL: 'warn', ...database.env, ...env })
  const app = await buildApp({ config, logger: false })
  return {
    app,
    database,
    close: async () => {
      await app.close()
      await database.drop()
    },
  }
}
