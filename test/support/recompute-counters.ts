// The plain recomputation the counters are checked against: every stored record's
// contributions, rolled up by the region code itself (county, prefecture, province).
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { IngestRecord } from '../../shared/records'
import { lockIngest } from '../../server/ingest/records-repository'
import { contributionsOf } from '../../server/metrics/contributions'

const ZONE = 'Asia/Shanghai'

export async function expectCountersToMatchRecomputation(app: FastifyInstance): Promise<void> {
  // One snapshot under the ingest lock: the background sweeper must not move counters between the reads.
  const { swept_until, records, steps, daily, monthly } = await app.database.db.transaction().execute(async (db) => {
    await lockIngest(db)
    return {
      ...(await db.selectFrom('sweep_watermark').select('swept_until').executeTakeFirstOrThrow()),
      records: await db.selectFrom('records').select(['type', 'id', 'content']).execute(),
      steps: await db.selectFrom('record_steps').selectAll().orderBy('status_at').execute(),
      daily: await db.selectFrom('metric_counts_daily').selectAll().execute(),
      monthly: await db.selectFrom('metric_counts_monthly').selectAll().execute(),
    }
  })
  const expected = new Map<string, number>()
  for (const row of records) {
    const record = row.content as IngestRecord
    const history = steps.filter((step) => step.type === row.type && step.id === row.id).map((step) => ({ status: step.status, statusAt: new Date(step.status_at) }))
    for (const increment of contributionsOf(record, history, new Date(swept_until), ZONE)) {
      // Roll up by the code itself: county, its prefecture, its province.
      for (const code of [record.regionCode, `${record.regionCode.slice(0, 4)}00`, `${record.regionCode.slice(0, 2)}0000`]) {
        const key = `${code}|${increment.metric}|${increment.day}`
        expected.set(key, (expected.get(key) ?? 0) + increment.amount)
      }
    }
  }
  const actual = new Map(daily.filter((row) => row.value !== 0).map((row) => [`${row.region_code}|${row.metric}|${row.day}`, row.value]))
  expect(actual).toEqual(new Map([...expected].filter(([, value]) => value !== 0)))

  const expectedMonths = new Map<string, number>()
  for (const [key, value] of actual) {
    const [code, metric, day] = key.split('|') as [string, string, string]
    const monthKey = `${code}|${metric}|${day.slice(0, 8)}01`
    expectedMonths.set(monthKey, (expectedMonths.get(monthKey) ?? 0) + value)
  }
  const months = new Map(monthly.filter((row) => row.value !== 0).map((row) => [`${row.region_code}|${row.metric}|${row.month}`, row.value]))
  expect(months).toEqual(expectedMonths)
}
