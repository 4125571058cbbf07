import { describe, expect, it } from 'vitest'
import { checkRecord } from '../../../server/ingest/record-rules'
import { RegionTree, loadProvinceDivisions } from '../../../server/regions/region-tree'
import { campaign, complaint, enforcementCase, foodSampling, inspection, report } from '../../support/record-factory'

const regions = new RegionTree(loadProvinceDivisions('510000'), new Map())
const now = new Date('2026-11-23T12:00:00+08:00')
const check = (record: Parameters<typeof checkRecord>[0]) => checkRecord(record, { regions, now })

describe('checkRecord', () => {
  it('takes yuan amounts in whole fen, also where binary floating point cannot divide by 0.01', () => {
    expect(check(enforcementCase({ fineYuan: 99_999_999.99 }))).toEqual([])
    expect(check(enforcementCase({ fineYuan: 1.005 }))).toEqual([{ field: 'fineYuan', message: 'must have at most two decimals (yuan and fen)' }])
    expect(check(complaint({ status: 'mediated', recoveredYuan: 0.001 }))).toEqual([{ field: 'recoveredYuan', message: 'must have at most two decimals (yuan and fen)' }])
  })

  it('passes valid records of every type', () => {
    for (const record of [inspection(), foodSampling(), complaint(), report(), enforcementCase(), campaign()]) expect(check(record)).toEqual([])
  })

  it('names the check character a USCC calls for', () => {
    expect(check(inspection({ entity: { uscc: '91350100M000100Y44', name: 'x' } }))).toEqual([
      { field: 'entity.uscc', message: 'check character is "4" but the first 17 characters call for "3" (GB 32100)' },
    ])
    expect(check(complaint({ entity: { uscc: '91110000802100433A', name: 'x' } }))[0]?.field).toBe('entity.uscc')
  })

  it('wants a known county-level region of the configured province', () => {
    expect(check(complaint({ regionCode: '110101' }))).toEqual([{ field: 'regionCode', message: expect.stringContaining('110101 is not in 四川省 (510000)') }])
    expect(check(complaint({ regionCode: '510199' }))).toEqual([{ field: 'regionCode', message: expect.stringContaining('not a known region of 四川省') }])
    expect(check(complaint({ regionCode: '510100' }))).toEqual([{ field: 'regionCode', message: '510100 成都市 is a city; records belong to a county-level region (区/县/县级市)' }])
    expect(check(complaint({ regionCode: '510000' }))[0]?.message).toContain('is a province')
  })

  it('allows clocks 5 minutes ahead, not more', () => {
    expect(check(complaint({ receivedAt: '2026-11-23T12:04:59+08:00', statusAt: '2026-11-23T12:04:59+08:00' }))).toEqual([])
    expect(check(foodSampling({ occurredAt: '2026-11-23T04:10:00Z' }))).toEqual([
      { field: 'occurredAt', message: 'is 10 minutes in the future; times may be at most 5 minutes ahead of the server clock' },
    ])
    expect(check(inspection({ occurredAt: '2026-12-25T10:00:00+08:00' }))[0]?.message).toMatch(/^is 32 days in the future/)
  })

  it('refuses times that are not on the calendar', () => {
    expect(check(inspection({ occurredAt: '2026-02-30T10:00:00+08:00' }))).toEqual([{ field: 'occurredAt', message: expect.stringContaining('is not a real time') }])
    expect(check(inspection({ occurredAt: '2026-01-01T24:00:00+08:00' }))[0]?.field).toBe('occurredAt')
  })

  it('keeps statuses after their start and hazard fixes after the inspection', () => {
    expect(check(complaint({ receivedAt: '2026-11-02T09:30:00+08:00', statusAt: '2026-11-02T09:29:00+08:00' }))).toEqual([{ field: 'statusAt', message: 'must not be before receivedAt' }])
    expect(check(report({ statusAt: '2026-11-01T10:00:00+08:00' }))).toEqual([{ field: 'statusAt', message: 'must not be before receivedAt' }])
    expect(check(enforcementCase({ statusAt: '2026-09-30T10:00:00+08:00' }))).toEqual([{ field: 'statusAt', message: 'must not be before openedAt' }])
    expect(check(inspection({ seriousHazard: true, hazardFixedAt: '2026-11-03T09:00:00+08:00' }))).toEqual([{ field: 'hazardFixedAt', message: 'must not be before occurredAt' }])
    // The same instant written in another offset is not earlier.
    expect(check(complaint({ receivedAt: '2026-11-02T09:30:00+08:00', statusAt: '2026-11-02T01:30:00Z' }))).toEqual([])
  })

  it('checks counts against each other', () => {
    expect(check(foodSampling({ batches: 3, failed: 4 }))).toEqual([{ field: 'failed', message: '4 failed batches are more than the 3 batches tested' }])
    expect(check(inspection({ result: 'problems' }))).toEqual([{ field: 'problemCount', message: 'must be at least 1 when result is problems' }])
    expect(check(inspection({ result: 'problems', problemCount: 0 }))[0]?.field).toBe('problemCount')
    expect(check(inspection({ result: 'problems', problemCount: 2 }))).toEqual([])
  })

  it('refuses negative amounts even when the schema was skipped', () => {
    expect(check(enforcementCase({ fineYuan: -1 }))).toEqual([{ field: 'fineYuan', message: 'must not be negative' }])
    expect(check(complaint({ recoveredYuan: -0.01 }))).toEqual([{ field: 'recoveredYuan', message: 'must not be negative' }])
  })

  it('wants two departments on a joint inspection', () => {
    expect(check(inspection({ kind: 'joint', departments: ['市场监管'] }))[0]?.field).toBe('departments')
    expect(check(inspection({ kind: 'joint', departments: ['市场监管', '市场监管'] }))[0]?.field).toBe('departments')
    expect(check(inspection({ kind: 'joint', departments: ['市场监管', '卫生健康'] }))).toEqual([])
  })

  it('keeps campaign dates in order and targets inside the campaign region', () => {
    expect(check(campaign({ startsOn: '2026-06-01', endsOn: '2026-05-31' }))).toEqual([{ field: 'endsOn', message: 'must not be before startsOn (2026-06-01)' }])
    expect(check(campaign({ endsOn: '2026-02-30' }))).toEqual([{ field: 'endsOn', message: '2026-02-30 is not a calendar day' }])
    const chengdu = campaign({ regionCode: '510100', targets: [{ regionCode: '510104' }, { regionCode: '510300', cases: 1 }, { regionCode: '110101' }, { regionCode: '510000' }, { regionCode: '510104' }] })
    expect(check(chengdu)).toEqual([
      { field: 'targets.1.regionCode', message: "510300 自贡市 is outside the campaign's region 510100 成都市" },
      { field: 'targets.2.regionCode', message: expect.stringContaining('110101 is not in 四川省') },
      { field: 'targets.3.regionCode', message: expect.stringContaining('not for the whole province') },
      { field: 'targets.4.regionCode', message: '510104 already has a target at targets.0' },
    ])
    expect(check(campaign({ regionCode: '110000' }))[0]).toEqual({ field: 'regionCode', message: expect.stringContaining('is not in 四川省') })
  })
})
