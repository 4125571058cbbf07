// demo:backfill as an operator runs it: a real process on the server's configuration.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'
import { exitOf, killAllStarted, runToExit, startNodeScript, waitUntilReady } from '../../support/processes'

const runBackfill = (env: Record<string, string>, args: string[]) => runToExit(startNodeScript('server/commands/demo-backfill.ts', env, args))

afterEach(killAllStarted)

describe.each(testDatabaseKinds())('demo:backfill on %s', (kind) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await database.drop()
  })

  it('fills a day of history through ingest and sums up what ingest made of it', { timeout: 180_000 }, async () => {
    const result = await runBackfill(database.env, ['--days', '1', '--seed', '7'])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^backfilling 1 days into .+ \(seed 7\)\n/)
    expect(result.stdout).toMatch(/^[\d,]+ records over \d+ days in \S+ \([\d,]+ records\/s\): [1-9]\d* new, \d+ steps, 0 duplicates, 0 stale, 0 rejected\n$/)
  })
})

describe('demo:backfill refuses to start', () => {
  const expectOneLine = (result: { code: number | null; stderr: string }, pattern: RegExp) => {
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(pattern)])
  }

  it('while a server holds the PGlite data folder, saying to stop it first', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase('pglite')
    const server = startNodeScript('server/main.ts', database.env)
    try {
      await waitUntilReady(server)
      expectOneLine(await runBackfill(database.env, ['--days', '1']), /^demo:backfill: data folder .* is in use by process \d+; stop it first/)
    } finally {
      server.kill('SIGTERM')
      await exitOf(server)
      await database.drop()
    }
  })
})
