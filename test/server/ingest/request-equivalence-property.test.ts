// One request equals its records sent one by one: random streams (lifecycle steps out
// of order, repeats, retried batches) go to three apps, as one request, as the
// stream's own batches, and one record per request, in the same order. The outcomes
// (accepted, updated, duplicates, stale) and every figure and stored record must be
// the same on all three.
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestRecord, IngestResult } from '../../../shared/records'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { ndjson, post } from './ingest-test-helpers'
import { recordStreams, withRunTag } from '../../support/record-streams'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'
const COUNTIES = ['510104', '510105', '510302', '510402'] as const
const SUMMARY_REGIONS = [...COUNTIES, '510100', '510300', '510400', '510000']
const PERIODS = ['today', '30d', 'ytd']

type Outcomes = Omit<IngestResult, 'errors' | 'rejected'>
type Sending = (app: FastifyInstance, batches: readonly IngestRecord[][]) => Promise<Outcomes>

const SENDINGS: Record<string, Sending> = {
  'as one request': (app, batches) => sendEach(app, [batches.flat()], false),
  'as many requests (NDJSON)': (app, batches) => sendEach(app, batches, true),
  'one record per request': (app, batches) => sendEach(app, batches.flat().map((record) => [record]), false),
}

async function sendEach(app: FastifyInstance, requests: readonly IngestRecord[][], asNdjson: boolean): Promise<Outcomes> {
  const total: Outcomes = { accepted: 0, updated: 0, duplicates: 0, stale: 0 }
  for (const records of requests) {
    const response = asNdjson ? await post(app, ndjson(records), 'application/x-ndjson') : await post(app, JSON.stringify(records))
    expect(response.statusCode, response.body).toBe(200)
    const result = response.json<IngestResult>()
    expect(result.errors).toEqual([])
    for (const outcome of ['accepted', 'updated', 'duplicates', 'stale'] as const) total[outcome] += result[outcome]
  }
  return total
}

/** What an app shows and stores: summaries of every compared region and period, and the records with their histories. */
async function figuresAndRecords(app: FastifyInstance): Promise<unknown> {
  const summaries: Record<string, unknown> = {}
  for (const region of SUMMARY_REGIONS) {
    for (const period of PERIODS) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/regions/${region}/summary?period=${period}` })
      expect(response.statusCode, response.body).toBe(200)
      summaries[`${region} ${period}`] = response.json()
    }
  }
  const records = await app.database.db.selectFrom('records').select(['type', 'id', 'content', 'steps']).orderBy('type').orderBy('id').execute()
  return { summaries, records }
}

describe.each(testDatabaseKinds())('a request equals its records sent one by one, on %s', (kind) => {
  const apps = new Map<string, TestApp>()
  beforeAll(async () => {
    for (const name of Object.keys(SENDINGS)) apps.set(name, await startTestApp(kind))
  })
  afterAll(async () => {
    for (const testApp of apps.values()) await testApp.close()
  })

  it('gives equal outcomes, figures and stored records however the stream is cut into requests', async () => {
    let execution = 0
    await fc.assert(
      fc.asyncProperty(recordStreams({ counties: COUNTIES, minRecords: 3 }), async (stream) => {
        // Each execution (shrinking included) works on records of its own; all three apps hold the same ones.
        const batches = withRunTag(stream, ++execution)
        const now = new Date()
        const outcomes: Record<string, Outcomes> = {}
        const shown: Record<string, unknown> = {}
        for (const [name, send] of Object.entries(SENDINGS)) {
          const { app } = apps.get(name)!
          outcomes[name] = await send(app, batches)
          await sweepDeadlines(app.database.db, app.regions, ZONE, now)
          shown[name] = await figuresAndRecords(app)
        }
        const [first, ...others] = Object.keys(SENDINGS) as [string, ...string[]]
        for (const name of others) {
          expect(outcomes[name], `outcomes ${name} vs ${first}`).toEqual(outcomes[first])
          expect(shown[name], `figures and records ${name} vs ${first}`).toEqual(shown[first])
        }
      }),
      { numRuns: 10 },
    )
  }, 180_000)
})
