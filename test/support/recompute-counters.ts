// The plain recomputation the counters are checked against: every stored record's
// contributions, rolled up by the region code itself (county, prefecture, province).
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { expect } from 'vitest'
import type { IngestRecord } from '../../shared/records'
import { lockWrites } from '../../server/db/write-lock'
import { contributionsOf } from '../../server/metrics/contributions'
import { unfoldedChanges } from '../../server/db/counter-changes'

const ZONE = 'Asia/Shanghai'

export async function expectCountersToMatchRecomputation(app: FastifyInstance): Promise<void> {
  // One snapshot under the write lock: neither the sweeper nor the folder may move counters between the reads.
  const { swept_until, records, daily, unfolded, monthly } = await app.database.db.transaction().setIsolationLevel('repeatable read').execute(async (db) => {
    await lockWrites(db)
    return {
      ...(await db.selectFrom('sweep_watermark').select('swept_until').executeTakeFirstOrThrow()),
      records: await db.selectFrom('records').select(['content', 'steps']).execute(),
      daily: await db.selectFrom('metric_counts_daily').selectAll().execute(),
      unfolded: (await sql<{ region_code: string; metric: string; day: string; value: number }>`${unfoldedChanges(sql`counter_changes`)}`.execute(db)).rows,
      monthly: await db.selectFrom('metric_counts_monthly').selectAll().execute(),
    }
  })
  const expected = new Map<string, number>()
  for (const row of records) {
    const record = row.content as IngestRecord
    const history = row.steps.map((step) => ({ status: step.status, statusAt: new Date(step.statusAt) }))
    for (const increment of contributionsOf(record, history, new Date(swept_until), ZONE)) {
      // Roll up by the code itself: county, its prefecture, its province.
      for (const code of [record.regionCode, `${record.regionCode.slice(0, 4)}00`, `${record.regionCode.slice(0, 2)}0000`]) {
        const key = `${code}|${increment.metric}|${increment.day}`
        expected.set(key, (expected.get(key) ?? 0) + increment.amount)
      }
    }
  }
  // What reads see: the folded day counters plus the changes not folded yet.
  const actual = new Map<string, number>()
  for (const row of [...daily, ...unfolded]) {
    const key = `${row.region_code}|${row.metric}|${row.day}`
    actual.set(key, (actual.get(key) ?? 0) + row.value)
  }
  const nonZero = (counts: Map<string, number>) => new Map([...counts].filter(([, value]) => value !== 0))
  expect(nonZero(actual)).toEqual(nonZero(expected))

  // The folder keeps each month equal to the sum of its folded days.
  const foldedMonths = new Map<string, number>()
  for (const row of daily) {
    const monthKey = `${row.region_code}|${row.metric}|${row.day.slice(0, 8)}01`
    foldedMonths.set(monthKey, (foldedMonths.get(monthKey) ?? 0) + row.value)
  }
  const months = new Map(monthly.map((row) => [`${row.region_code}|${row.metric}|${row.month}`, row.value]))
  expect(nonZero(months)).toEqual(nonZero(foldedMonths))
}
