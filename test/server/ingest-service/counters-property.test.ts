// Random streams with duplicates, retries, out-of-order lifecycle steps and
// deadline crossings; afterwards every counter at every level must equal a plain
// recomputation from the stored records.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestRecord } from '../../../shared/records'
import { sweepDeadlines } from '../../../server/ingest/deadline-sweeper'
import { expectCountersToMatchRecomputation } from '../../support/recompute-counters'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { complaint, enforcementCase, foodSampling, inspection, report } from '../../support/record-factory'

const ZONE = 'Asia/Shanghai'
const COUNTIES = ['510104', '510105', '510302', '510402'] as const
const DAY_MS = 86_400_000

const at = (base: number, offsetMs: number) => new Date(base + offsetMs).toISOString().replace('Z', '+00:00')

/** One record's versions in lifecycle order, each later than the last. */
const recordVersions =
  fc
    .record({
      kind: fc.constantFrom('complaint', 'report', 'case', 'inspection', 'food'),
      region: fc.constantFrom(...COUNTIES),
      daysAgo: fc.integer({ min: 0, max: 70 }),
      gapsHours: fc.array(fc.integer({ min: 1, max: 24 * 20 }), { minLength: 3, maxLength: 3 }),
      path: fc.integer({ min: 0, max: 3 }),
      amount: fc.integer({ min: 0, max: 500_000 }),
    })
    .map(({ kind, region, daysAgo, gapsHours, path, amount }): IngestRecord[] => {
      const start = Date.now() - daysAgo * DAY_MS
      const times = gapsHours.reduce<number[]>((list, gap) => [...list, (list.at(-1) ?? 0) + gap * 3_600_000], [0]).map((offset) => at(start, offset))
      const id = kind
      const future = (time: string) => Date.parse(time) > Date.now()
      const steps = (statuses: string[]) => statuses.map((status, index) => ({ status, statusAt: times[index] ?? times[0]! })).filter((step) => !future(step.statusAt))
      switch (kind) {
        case 'complaint': {
          const paths = [['received'], ['received', 'accepted', 'mediated'], ['received', 'accepted', 'mediating', 'mediation_ended'], ['received', 'not_accepted']]
          return steps(paths[path]!).map((step) =>
            complaint({ id, regionCode: region, receivedAt: times[0]!, ...step, ...(step.status === 'mediated' ? { recoveredYuan: amount / 100 } : {}) } as never),
          )
        }
        case 'report': {
          const paths = [['received'], ['received', 'checking', 'case_opened'], ['received', 'not_opened'], ['checking']]
          return steps(paths[path]!).map((step) => report({ id, regionCode: region, receivedAt: times[0]!, extended: path === 1, ...step } as never))
        }
        case 'case': {
          const paths = [['opened'], ['opened', 'decided', 'closed'], ['opened', 'transferred'], ['decided']]
          return steps(paths[path]!).map((step) => enforcementCase({ id, regionCode: region, openedAt: times[0]!, fineYuan: amount / 100, confiscatedYuan: 0, ...step } as never))
        }
        case 'inspection':
          return [inspection({ id, regionCode: region, occurredAt: times[0]!, result: path === 1 ? 'problems' : 'compliant', problemCount: path === 1 ? 2 : 0, kind: path === 2 ? 'joint' : 'random' })]
        default:
          return [foodSampling({ id, regionCode: region, occurredAt: times[0]!, batches: 10 + path, failed: path })]
      }
    })

/** The versions of several records, interleaved in any order, some sent twice, cut into batches. */
const stream =
  fc
    .array(recordVersions, { minLength: 1, maxLength: 12 })
    .chain((records) => {
      // Each record its own id; its versions share it.
      const versions = records.flatMap((record, index) => record.map((version) => ({ ...version, id: `${version.id}-${index}` })))
      return fc.tuple(fc.shuffledSubarray(versions, { minLength: versions.length, maxLength: versions.length }), fc.array(fc.nat({ max: Math.max(versions.length - 1, 0) }), { maxLength: 6 }), fc.integer({ min: 1, max: 8 }))
    })
    .map(([shuffled, repeats, batchSize]) => {
      const sent = [...shuffled, ...repeats.map((index) => shuffled[index]!).filter(Boolean)]
      const batches: IngestRecord[][] = []
      for (let start = 0; start < sent.length; start += batchSize) batches.push(sent.slice(start, start + batchSize))
      return batches
    })

describe.each(testDatabaseKinds())('counters equal a recomputation from stored records on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  it('after random streams of duplicates, retries, out-of-order steps and deadline crossings', async () => {
    let execution = 0
    await fc.assert(
      fc.asyncProperty(stream, async (batches) => {
          // Each execution (shrinking included) works on its own records.
          const tag = ++execution
          for (const batch of batches) {
            const result = await testApp.app.ingest.ingest(batch.map((record) => ({ ...record, id: `${record.id}-${tag}` })), { partial: false })
            expect(result.errors).toEqual([])
          }
          // Time passes: deadlines of open items cross into the due counts.
          await sweepDeadlines(testApp.app.database.db, testApp.app.regions, ZONE, new Date())
          await expectCountersToMatchRecomputation(testApp.app)
      }),
      { numRuns: 12 },
    )
  }, 120_000)
})
