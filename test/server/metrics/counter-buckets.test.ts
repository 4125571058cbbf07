import { describe, expect, it } from 'vitest'
import { splitIntoBuckets } from '../../../server/metrics/counter-buckets'
import { daysOf } from '../../../server/metrics/period'

describe('month/day split of a counter range', () => {
  it('reads a year to date as whole months plus the days of the current month', () => {
    expect(splitIntoBuckets({ from: '2026-01-01', to: '2026-11-23' })).toEqual({
      months: { from: '2026-01-01', to: '2026-10-01' },
      days: [{ from: '2026-11-01', to: '2026-11-23' }],
    })
  })

  it('reads ragged ends as days on both sides', () => {
    expect(splitIntoBuckets({ from: '2025-11-24', to: '2026-02-10' })).toEqual({
      months: { from: '2025-12-01', to: '2026-01-01' },
      days: [
        { from: '2025-11-24', to: '2025-11-30' },
        { from: '2026-02-01', to: '2026-02-10' },
      ],
    })
  })

  it('reads whole months only when the range is whole months, leap February included', () => {
    expect(splitIntoBuckets({ from: '2028-02-01', to: '2028-02-29' })).toEqual({ months: { from: '2028-02-01', to: '2028-02-01' }, days: [] })
    expect(splitIntoBuckets({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ months: { from: '2026-01-01', to: '2026-12-01' }, days: [] })
  })

  it('reads days only when no month is whole', () => {
    expect(splitIntoBuckets({ from: '2026-03-15', to: '2026-03-20' })).toEqual({ months: null, days: [{ from: '2026-03-15', to: '2026-03-20' }] })
    expect(splitIntoBuckets({ from: '2026-03-15', to: '2026-04-10' })).toEqual({ months: null, days: [{ from: '2026-03-15', to: '2026-04-10' }] })
    expect(splitIntoBuckets({ from: '2026-02-28', to: '2026-02-28' })).toEqual({ months: null, days: [{ from: '2026-02-28', to: '2026-02-28' }] })
  })

  it('covers every day exactly once, and never reads more than 62 day rows', () => {
    const daysOfMonths = (months: { from: string; to: string } | null) =>
      months === null ? [] : daysOf({ from: months.from, to: '2031-12-31' }).filter((day) => `${day.slice(0, 7)}-01` <= months.to)
    for (const from of ['2025-01-01', '2025-01-31', '2025-02-15', '2025-12-31', '2024-02-29']) {
      for (const length of [1, 2, 27, 28, 31, 59, 60, 365, 400, 1000]) {
        const range = { from, to: daysOf({ from, to: '2029-12-31' })[length - 1] as string }
        const { months, days } = splitIntoBuckets(range)
        const dayRows = days.flatMap(daysOf)
        expect([...dayRows, ...daysOfMonths(months)].sort()).toEqual(daysOf(range))
        expect(dayRows.length).toBeLessThanOrEqual(62)
      }
    }
  })
})
