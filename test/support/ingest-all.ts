// Records handed straight to the ingest service (no HTTP), for tests about what they cause.
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { IngestRecord } from '../../shared/records'

/** Ingests `records` as one batch and fails the test, saying why, when any is refused. */
export async function ingestAll(app: FastifyInstance, records: IngestRecord[]): Promise<void> {
  const result = await app.ingest.ingest(records, { partial: false })
  expect(result.rejected, JSON.stringify(result).slice(0, 600)).toBe(0)
}
