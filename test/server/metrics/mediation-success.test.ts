// 调解成功率 divides by concluded mediations only: a mediation still running is neither a success nor a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RegionSummary } from '../../../shared/metrics'
import type { ComplaintRecord, IngestRecord } from '../../../shared/records'
import { complaint } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { post } from '../ingest/ingest-test-helpers'
import { getJson } from './read-api-helpers'

/** A complaint accepted and taken into mediation in early November, and where its mediation got to. */
function mediation(id: string, outcome: ComplaintRecord['status'] | null): IngestRecord[] {
  const base = { id, regionCode: '510104', receivedAt: '2026-11-02T09:30:00+08:00' }
  const steps: IngestRecord[] = [
    complaint({ ...base, status: 'received', statusAt: '2026-11-02T09:30:00+08:00' }),
    complaint({ ...base, status: 'accepted', statusAt: '2026-11-03T10:00:00+08:00' }),
    complaint({ ...base, status: 'mediating', statusAt: '2026-11-05T10:00:00+08:00' }),
  ]
  return outcome === null ? steps : [...steps, complaint({ ...base, status: outcome, statusAt: '2026-11-20T10:00:00+08:00' })]
}

describe.each(testDatabaseKinds())('mediation success rate on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  it('is agreed ÷ concluded mediations, whatever is still mediating', async () => {
    const stream = [
      ...mediation('agreed-1', 'mediated'),
      ...mediation('agreed-2', 'mediated'),
      ...mediation('ended-1', 'mediation_ended'),
      ...[1, 2, 3, 4, 5].flatMap((n) => mediation(`running-${n}`, null)),
    ]
    expect((await post(testApp.app, JSON.stringify(stream))).statusCode).toBe(200)

    const figuresOf = async (period: string) => {
      const summary = await getJson<RegionSummary>(testApp.app, `/api/v1/regions/510104/summary?period=${period}`)
      const { value, numerator, denominator } = summary.metrics.find((metric) => metric.key === 'mediation_success_rate')!
      return { value, numerator, denominator }
    }
    expect(await figuresOf('2026-11-01..2026-11-30')).toEqual({ value: (2 / 3) * 100, numerator: 2, denominator: 3 })
    // Counted on the day the mediations concluded, not the day the complaints were accepted.
    expect(await figuresOf('2026-11-20..2026-11-20')).toEqual({ value: (2 / 3) * 100, numerator: 2, denominator: 3 })
    expect(await figuresOf('2026-11-01..2026-11-19')).toEqual({ value: null, numerator: 0, denominator: 0 })
  })
})
