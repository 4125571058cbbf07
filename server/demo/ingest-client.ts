// The demo feeds the real ingest path: the app's own POST /api/v1/records, in process,
// with an integrator key of its own like any source system.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Check } from 'typebox/value'
import { type IngestRecord, IngestResult } from '../../shared/records'
import { createTokenHolder, listTokenHolders, revokeTokenHolder } from '../access/token-holders-repository'

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

/** The name of the key the demo writes with. */
export const DEMO_KEY_NAME = 'demo-simulator'
/** Who the audit log says issued and revoked it. */
const DEMO_ACTOR = 'system:demo'

/**
 * A new province key named `name`, the unrevoked ones of that name from earlier starts revoked
 * first: the token lives only in this process's memory, so an earlier one is of no more use.
 */
async function issueDemoKey(app: FastifyInstance, name: string): Promise<string> {
  const db = app.database.db
  for (const holder of await listTokenHolders(db)) {
    if (holder.kind === 'key' && holder.name === name && holder.revokedAt === null) await revokeTokenHolder(db, holder.id, DEMO_ACTOR)
  }
  return (await createTokenHolder(db, { kind: 'key', name, region: app.regions.province.code }, DEMO_ACTOR)).token
}

/** Posts with a key issued at the first post; `keyName` keeps apart writers that may run at once (the server's demo, the backfill command). */
export function ingestPoster(app: FastifyInstance, keyName = DEMO_KEY_NAME): PostRecords {
  let token: Promise<string> | undefined
  const keyToken = () =>
    (token ??= issueDemoKey(app, keyName).catch((error: unknown) => {
      token = undefined // the next post tries again
      throw error
    }))
  return async (records) => {
    const authorization = `Bearer ${await keyToken()}`
    let total = emptyResult()
    for (let start = 0; start < records.length; start += INGEST_BATCH_LIMIT) {
      const send = () =>
        app
          .inject({
            method: 'POST',
            url: '/api/v1/records?partial=true',
            headers: { [DEMO_SOURCE_HEADER]: demoSourceToken, authorization },
            payload: records.slice(start, start + INGEST_BATCH_LIMIT),
          })
          .catch((error: unknown) => {
            // Fastify refuses injected requests from the moment it starts closing.
            throw (error as { code?: string }).code === 'FST_ERR_REOPENED_CLOSE_SERVER' ? new ServerClosing() : error
          })
      let response = await send()
      // A long history posts faster than the per-key limit allows: wait as told, like any source.
      while (response.statusCode === 429) {
        await sleep(1000 * Number(response.headers['retry-after'] ?? 1))
        response = await send()
      }
      const body: unknown = response.headers['content-type']?.toString().includes('json') ? response.json() : response.body
      if (!Check(IngestResult, body)) throw new Error(`ingest answered ${response.statusCode}: ${JSON.stringify(body).slice(0, 500)}`)
      // Generated records are meant to be valid: a rejection is a simulator bug worth seeing.
      if (body.rejected > 0) app.log.warn({ rejected: body.rejected, errors: body.errors.slice(0, 5) }, 'demo: ingest rejected generated records')
      total = addResults(total, body)
    }
    return total
  }
}
