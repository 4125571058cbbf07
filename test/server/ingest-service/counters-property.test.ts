// Random streams with duplicates, retries, out-of-order lifecycle steps and
// deadline crossings; afterwards every counter at every level must equal a plain
// recomputation from the stored records.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { expectCountersToMatchRecomputation } from '../../support/recompute-counters'
import { recordStreams, withRunTag } from '../../support/record-streams'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'
const COUNTIES = ['510104', '510105', '510302', '510402'] as const

describe.each(testDatabaseKinds())('counters equal a recomputation from stored records on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  it('after random streams of duplicates, retries, out-of-order steps and deadline crossings', async () => {
    let execution = 0
    await fc.assert(
      fc.asyncProperty(recordStreams({ counties: COUNTIES }), async (batches) => {
          // Each execution (shrinking included) works on its own records.
          for (const batch of withRunTag(batches, ++execution)) {
            const result = await testApp.app.ingest.ingest(batch, { partial: false })
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
