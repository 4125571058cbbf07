import { describe, expect, it } from 'vitest'
import { campaignSchedule, campaignStatus, isLagging, rankByProgress, regionProgress } from '../../../server/metrics/campaign-progress'

const campaign = { startsOn: '2026-03-01', endsOn: '2026-06-08' } // 100 days

describe('campaign schedule and status', () => {
  it('counts elapsed local days through today, clamped to the campaign', () => {
    expect(campaignSchedule(campaign, '2026-02-20')).toEqual({ elapsedDays: 0, totalDays: 100, percent: 0 })
    expect(campaignSchedule(campaign, '2026-03-01')).toEqual({ elapsedDays: 1, totalDays: 100, percent: 1 })
    expect(campaignSchedule(campaign, '2026-04-29')).toEqual({ elapsedDays: 60, totalDays: 100, percent: 60 })
    expect(campaignSchedule(campaign, '2026-06-08').percent).toBe(100)
    expect(campaignSchedule(campaign, '2027-01-01').percent).toBe(100)
  })

  it('is upcoming, running or finished by today', () => {
    expect(campaignStatus(campaign, '2026-02-28')).toBe('upcoming')
    expect(campaignStatus(campaign, '2026-03-01')).toBe('running')
    expect(campaignStatus(campaign, '2026-06-08')).toBe('running')
    expect(campaignStatus(campaign, '2026-06-09')).toBe('finished')
  })
})

describe('lagging', () => {
  it('lags at 40% of target when 60% of the time has passed (docs/domain.md), not within 10 points of schedule', () => {
    expect(isLagging([40], 60)).toBe(true)
    expect(isLagging([49.9], 60)).toBe(true)
    expect(isLagging([50], 60)).toBe(false)
    expect(isLagging([0], 5)).toBe(false)
  })

  it('lags when any kind with a target lags; a region without targets never lags', () => {
    const schedule = { elapsedDays: 60, totalDays: 100, percent: 60 }
    const actuals = { inspections: 700, cases: 4, finesYuan: 1200 }
    const both = regionProgress({ code: '510104', name: '锦江区' }, { inspections: 1000, cases: 10 }, actuals, schedule)
    expect(both.progress).toEqual({ inspections: 70, cases: 40, overall: 40 })
    expect(both.lagging).toBe(true)
    const none = regionProgress({ code: '510105', name: '青羊区' }, undefined, actuals, schedule)
    expect(none).toMatchObject({ targets: { inspections: null, cases: null }, progress: { inspections: null, cases: null, overall: null }, lagging: false })
    const zero = regionProgress({ code: '510106', name: '金牛区' }, { inspections: 0, cases: null }, actuals, schedule)
    expect(zero.lagging).toBe(false)
  })

  it('ranks by overall progress, regions without targets last', () => {
    const schedule = { elapsedDays: 50, totalDays: 100, percent: 50 }
    const row = (code: string, target: number | null, actual: number) => regionProgress({ code, name: code }, { inspections: target, cases: null }, { inspections: actual, cases: 0, finesYuan: 0 }, schedule)
    const ranked = rankByProgress([row('510104', 100, 30), row('510105', null, 500), row('510106', 100, 80), row('510107', 200, 170)])
    expect(ranked.map((entry) => entry.code)).toEqual(['510107', '510106', '510104', '510105'])
  })
})
