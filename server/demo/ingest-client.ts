// The demo feeds the real ingest path: the app's own POST /api/v1/records, in process.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Check } from 'typebox/value'
import { type IngestRecord, IngestResult } from '../../shared/records'

/** the most records one JSON request may carry */
export const INGEST_BATCH_LIMIT = 5000

// Marks the demo's own requests so the access log can leave them out; a value
// made at start so that no outside client can hide its requests the same way.
const DEMO_SOURCE_HEADER = 'x-regdeck-demo'
const demoSourceToken = randomUUID()

export function isDemoRequest(request: FastifyRequest): boolean {
  return request.headers[DEMO_SOURCE_HEADER] === demoSourceToken
}

export type PostRecords = (records: readonly IngestRecord[]) => Promise<IngestResult>

/** The app is shutting down and takes no more requests: the demo stops, nothing failed. */
export class ServerClosing extends Error {
  constructor() {
    super('the server is shutting down')
  }
}

export function emptyResult(): IngestResult {
  return { accepted: 0, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] }
}

export function addResults(total: IngestResult, result: IngestResult): IngestResult {
  return {
    accepted: total.accepted + result.accepted,
    updated: total.updated + result.updated,
    duplicates: total.duplicates + result.duplicates,
    stale: total.stale + result.stale,
    rejected: total.rejected + result.rejected,
    errors: total.errors.length > 0 ? total.errors : result.errors.slice(0, 5),
  }
}

export function ingestPoster(app: FastifyInstance): PostRecords {
  return async (records) => {
    let total = emptyResult()
    for (let start = 0; start < records.length; start += INGEST_BATCH_LIMIT) {
      const response = await app
        .inject({
          method: 'POST',
          url: '/api/v1/records?partial=true',
          headers: { [DEMO_SOURCE_HEADER]: demoSourceToken },
          payload: records.slice(start, start + INGEST_BATCH_LIMIT),
        })
        .catch((error: unknown) => {
          // Fastify refuses injected requests from the moment it starts closing.
          throw (error as { code?: string }).code === 'FST_ERR_REOPENED_CLOSE_SERVER' ? new ServerClosing() : error
        })
      const body: unknown = response.headers['content-type']?.toString().includes('json') ? response.json() : response.body
      if (!Check(IngestResult, body)) throw new Error(`ingest answered ${response.statusCode}: ${JSON.stringify(body).slice(0, 500)}`)
      // Generated records are meant to be valid: a rejection is a simulator bug worth seeing.
      if (body.rejected > 0) app.log.warn({ rejected: body.rejected, errors: body.errors.slice(0, 5) }, 'demo: ingest rejected generated records')
      total = addResults(total, body)
    }
    return total
  }
}
