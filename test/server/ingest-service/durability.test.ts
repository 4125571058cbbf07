// An acknowledged record is never lost: the server is killed (SIGKILL) in the
// middle of a large ingest while a client retries each batch until it is
// acknowledged; afterwards every record is there exactly once and the counters
// equal the recomputation.
import net from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import type { IngestRecord } from '../../../shared/records'
import { integratorHeadersOn } from '../../support/integrator-key'
import { exitOf, killAllStarted, startNodeScript, waitUntilReady } from '../../support/processes'
import { expectCountersToMatchRecomputation } from '../../support/recompute-counters'
import { complaint, inspection } from '../../support/record-factory'
import { buildTestApp } from '../../support/test-app'
import { createTestDatabase, testDatabaseKinds } from '../../support/test-databases'

const BATCHES = 40
const BATCH_SIZE = 250
const COUNTIES = ['510104', '510105', '510302', '510402', '513402'] as const

function batchOf(index: number): IngestRecord[] {
  const base = Date.now() - 20 * 86_400_000
  return Array.from({ length: BATCH_SIZE }, (_, offset) => {
    const serial = index * BATCH_SIZE + offset
    const at = new Date(base + serial * 60_000).toISOString()
    const regionCode = COUNTIES[serial % COUNTIES.length]!
    return serial % 2 === 0 ? inspection({ id: `D-${serial}`, regionCode, occurredAt: at }) : complaint({ id: `D-${serial}`, regionCode, receivedAt: at, statusAt: at })
  })
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Posts until the server acknowledges; a dead or restarting server only delays it. */
async function postUntilAcknowledged(url: string, records: IngestRecord[], headers: { authorization: string }): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${url}/api/v1/records`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(records) })
      if (response.ok) {
        const result = (await response.json()) as { rejected: number }
        if (result.rejected > 0) throw new Error(`rejected: ${JSON.stringify(result)}`)
        return
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('rejected')) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

afterAll(killAllStarted)

describe.each(testDatabaseKinds())('durability on %s', (kind) => {
  it('keeps every acknowledged record exactly once across a SIGKILL mid-ingest', async () => {
    const database = await createTestDatabase(kind)
    const port = await freePort()
    const env = { ...database.env, PORT: String(port) }
    const headers = await integratorHeadersOn(database.env)
    let server = startNodeScript('server/main.ts', env)
    const url = await waitUntilReady(server)
    try {
      let killed = false
      for (let index = 0; index < BATCHES; index++) {
        const posting = postUntilAcknowledged(url, batchOf(index), headers)
        if (!killed && index === BATCHES / 2) {
          // Kill while this batch is in flight, then start again on the same data.
          await new Promise((resolve) => setTimeout(resolve, 30))
          server.kill('SIGKILL')
          await exitOf(server)
          killed = true
          server = startNodeScript('server/main.ts', env)
          await waitUntilReady(server)
        }
        await posting
      }
      server.kill('SIGTERM')
      await exitOf(server)

      const app = await buildTestApp(database.env)
      try {
        const rows = await app.database.db.selectFrom('records').select(['id']).where('id', 'like', 'D-%').execute()
        expect(rows).toHaveLength(BATCHES * BATCH_SIZE)
        expect(new Set(rows.map((row) => row.id)).size).toBe(BATCHES * BATCH_SIZE)
        await expectCountersToMatchRecomputation(app)
      } finally {
        await app.close()
      }
    } finally {
      server.kill('SIGKILL')
      await database.drop()
    }
  }, 180_000)
})
