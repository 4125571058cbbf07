// What the ingest HTTP suites share: posting bodies and counting every table ingest writes.
import type { FastifyInstance } from 'fastify'
import { foldCounterChanges } from '../../../server/counters/counter-store'
import { integratorHeaders } from '../../support/integrator-key'
import type { TestApp } from '../../support/test-app'

const WRITTEN_TABLES = ['records', 'counter_changes', 'metric_counts_daily', 'metric_counts_monthly', 'open_clocks', 'campaigns', 'campaign_targets'] as const

export type TableCounts = Record<(typeof WRITTEN_TABLES)[number], number>

export async function tableCounts(testApp: TestApp): Promise<TableCounts> {
  // Folded first, so the background folder cannot move rows between two counts.
  await foldCounterChanges(testApp.app.database.db)
  const counts: Partial<TableCounts> = {}
  for (const table of WRITTEN_TABLES) {
    const row = await testApp.app.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts as TableCounts
}

/** Posts records with a province key: these suites are about bodies and figures, not scope. */
export async function post(app: FastifyInstance, body: string | Buffer, contentType = 'application/json', query = '') {
  return app.inject({ method: 'POST', url: `/api/v1/records${query}`, headers: { ...(await integratorHeaders(app)), 'content-type': contentType }, payload: body })
}

export const ndjson = (records: readonly unknown[]) => records.map((record) => JSON.stringify(record)).join('\n')
