// The catalogue oracle's own footing (its working-day rule against official calendar
// dates), and a disagreement it found between the read API and the catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RegionSummary } from '../../../shared/metrics'
import type { IngestRecord } from '../../../shared/records'
import { afterWorkingDays } from '../../support/catalogue-clocks'
import { CatalogueOracle } from '../../support/catalogue-oracle'
import { complaint } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { post } from '../ingest/ingest-test-helpers'
import { RegionsUnderTest, getJson } from './read-api-helpers'

const ZONE = 'Asia/Shanghai'

describe('catalogue oracle working days', () => {
  it('skip official holidays and count adjusted working weekends (State Council notices for 2025 and 2026)', () => {
    // National Day 2025 ran 1–8 October; Saturday 11 October was worked.
    expect(afterWorkingDays('2025-09-30', 1)).toBe('2025-10-09')
    expect(afterWorkingDays('2025-10-10', 1)).toBe('2025-10-11')
    // Spring Festival 2026 ran 15–23 February; Saturday 14 February was worked.
    expect(afterWorkingDays('2026-02-13', 1)).toBe('2026-02-14')
    expect(afterWorkingDays('2026-02-14', 1)).toBe('2026-02-24')
    // An ordinary week: Friday to Monday.
    expect(afterWorkingDays('2026-12-04', 1)).toBe('2026-12-07')
  })
})

describe.each(testDatabaseKinds())('a complaint step that arrives after a later one, on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  // KNOWN DEFECT (found by the oracle): ingest answers a step older than the stored one
  // "stale" and drops it from the record's history too, so the acceptance is dated by the
  // later mediation step and counted late. The catalogue asks when the decision was made.
  // This test pins the defect so the suite stays green; it turns red once it is fixed: then
  // expect equality here and let the property test keep late steps (see its comment).
  it('KNOWN DEFECT: dates the acceptance by the later mediation step, not the accepted step its source sent', async () => {
    const base = { id: 'late-acceptance', regionCode: '510104', receivedAt: '2026-11-02T09:30:00+08:00' }
    const received = complaint({ ...base, status: 'received', statusAt: '2026-11-02T09:30:00+08:00' })
    const accepted = complaint({ ...base, status: 'accepted', statusAt: '2026-11-03T10:00:00+08:00' })
    const mediated = complaint({ ...base, status: 'mediated', statusAt: '2026-11-20T10:00:00+08:00' })
    const sent: IngestRecord[] = [received, mediated, accepted]
    for (const record of sent) expect((await post(testApp.app, JSON.stringify([record]))).statusCode).toBe(200)
    const lateSteps = ['kept', 'dropped'] as const

    const period = { from: '2026-11-01', to: '2026-11-30' }
    const summary = await getJson<RegionSummary>(testApp.app, `/api/v1/regions/510104/summary?period=${period.from}..${period.to}`)
    const regions = new RegionsUnderTest(new Map([['510104', await getJson(testApp.app, '/api/v1/regions/510104')]]))
    const [catalogue, asIngestReadsIt] = lateSteps.map((reading) =>
      new CatalogueOracle(sent, ZONE, new Date(), reading).figures('complaint_acceptance_on_time', '510104', period, regions.reference('510104')),
    )
    const served = summary.metrics.find((metric) => metric.key === 'complaint_acceptance_on_time')
    const { value, numerator, denominator } = served ?? {}
    expect(catalogue, 'the catalogue: accepted the next day, on time').toEqual({ value: 100, numerator: 1, denominator: 1 })
    expect({ value, numerator, denominator }, 'the API: the defect stands').toEqual(asIngestReadsIt)
  })
})
