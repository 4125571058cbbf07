import { describe, expect, it } from 'vitest'
import type { LiveSnapshot } from '../../../shared/live'
import { ownMapSnapshot } from '../../../client/src/screens/county-map'

const county = { code: '510104', name: '锦江区', nameEn: 'Jinjiang District', level: 'county' as const, parentCode: '510100', population: 1, marketEntities: 1, populationEstimated: false, marketEntitiesEstimated: false }
const range = { from: '2026-01-01', to: '2026-12-04' }
const totals = { code: '510104', name: '锦江区', targets: { inspections: 10, cases: null }, actuals: { inspections: 4, cases: 1, finesYuan: 0 }, progress: { inspections: 40, cases: null, overall: 40 }, lagging: false }
const own = {
  summary: { region: county, period: range, previousPeriod: range, metrics: [], breakdowns: { intakeByType: {}, intakeByChannel: {}, intakeByCategory: {}, overdueByClock: {} } },
  breakdowns: { complaints_received: { region: county, metric: 'complaints_received', period: range, order: 'largest_first', total: { value: 36, numerator: 36, denominator: null }, children: [] } },
  campaigns: [{ campaign: { id: 'c1' }, region: county, schedule: { elapsedDays: 1, totalDays: 10, percent: 10 }, laggingMarginPoints: 10, totals, children: [] }],
  ticker: {},
} as unknown as LiveSnapshot

describe('ownMapSnapshot', () => {
  it("makes the county its map's only child, with its own figures", () => {
    const map = ownMapSnapshot(own)
    expect(map.breakdowns.complaints_received.children).toEqual([{ rank: 1, code: '510104', name: '锦江区', value: 36, numerator: 36, denominator: null }])
    expect(map.campaigns[0]?.children).toEqual([totals])
    // What the screens read of the county itself is as it came.
    expect(map.summary).toBe(own.summary)
    expect(own.breakdowns.complaints_received.children).toEqual([])
  })
})
