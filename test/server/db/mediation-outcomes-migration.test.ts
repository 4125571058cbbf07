// The migration that recounts 调解成功率's counters from the stored complaints: taken back
// and run again over stored records, it leaves every counter as ingest keeps them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { down, up } from '../../../server/db/migrations/2026-12-05T00-mediation-outcomes'
import { expectCountersToMatchRecomputation } from '../../support/recompute-counters'
import { complaint } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { post } from '../ingest/ingest-test-helpers'

describe.each(testDatabaseKinds())('mediation outcomes migration on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  it('counts the stored mediations on the day each concluded, at every level', async () => {
    const base = (id: string, regionCode: string) => ({ id, regionCode, receivedAt: '2026-11-02T09:30:00+08:00' })
    const stream = [
      complaint({ ...base('agreed', '510104'), status: 'accepted', statusAt: '2026-11-03T10:00:00+08:00' }),
      complaint({ ...base('agreed', '510104'), status: 'mediated', statusAt: '2026-11-20T23:30:00+08:00' }),
      complaint({ ...base('ended', '510105'), status: 'mediating', statusAt: '2026-11-04T10:00:00+08:00' }),
      complaint({ ...base('ended', '510105'), status: 'mediation_ended', statusAt: '2026-11-21T10:00:00+08:00' }),
      complaint({ ...base('ended', '510105'), status: 'to_case', statusAt: '2026-11-25T10:00:00+08:00' }),
      complaint({ ...base('running', '510302'), status: 'mediating', statusAt: '2026-11-04T10:00:00+08:00' }),
    ]
    expect((await post(testApp.app, JSON.stringify(stream))).statusCode).toBe(200)
    const { db } = testApp.app.database
    await down(db)
    const mediationCounters = () => db.selectFrom('metric_counts_daily').select('metric').where('metric', 'like', 'complaints.mediation.%').execute()
    expect(await mediationCounters()).toEqual([])
    await up(db)
    await expectCountersToMatchRecomputation(testApp.app)
  })
})
