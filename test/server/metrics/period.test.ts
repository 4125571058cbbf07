import { describe, expect, it } from 'vitest'
import { PeriodError, daysOf, parsePeriod, previousYear, relativeRange } from '../../../server/metrics/period'

const TODAY = '2026-11-23'

describe('period', () => {
  it('reads the relative periods as local days ending today', () => {
    const today = TODAY
    const range = (text: string) => {
      const spec = parsePeriod(text, today)
      if (spec.kind !== 'relative') throw new Error('expected a relative period')
      return relativeRange(spec.name, today)
    }
    expect(range('today')).toEqual({ from: '2026-11-23', to: '2026-11-23' })
    expect(range('7d')).toEqual({ from: '2026-11-17', to: '2026-11-23' })
    expect(range('30d')).toEqual({ from: '2026-10-25', to: '2026-11-23' })
    expect(range('ytd')).toEqual({ from: '2026-01-01', to: '2026-11-23' })
    expect(relativeRange('7d', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' })
  })

  it('reads an inclusive date range and a campaign id', () => {
    expect(parsePeriod('2025-03-01..2025-03-01', TODAY)).toEqual({ kind: 'range', range: { from: '2025-03-01', to: '2025-03-01' } })
    expect(parsePeriod('2024-01-01..2026-12-31', TODAY)).toEqual({ kind: 'range', range: { from: '2024-01-01', to: '2026-12-31' } })
    expect(parsePeriod('campaign:CL-2026', TODAY)).toEqual({ kind: 'campaign', campaignId: 'CL-2026' })
  })

  it('takes a range that starts today and ends after it: its days so far have figures', () => {
    expect(parsePeriod(`${TODAY}..2026-12-31`, TODAY)).toEqual({ kind: 'range', range: { from: TODAY, to: '2026-12-31' } })
  })

  it('takes three whole years, counted in days whatever leap days they hold', () => {
    expect(parsePeriod('2021-03-01..2024-02-29', '2024-03-01')).toEqual({ kind: 'range', range: { from: '2021-03-01', to: '2024-02-29' } })
    expect(() => parsePeriod('2021-03-01..2024-03-01', '2024-03-01')).toThrow(/spans more than 3 years/)
  })

  it.each([
    ['', /not a period/],
    ['week', /not a period/],
    ['campaign:', /not a period/],
    ['2026-02-30..2026-03-01', /"2026-02-30" is not a calendar date/],
    ['2026-1-01..2026-03-01', /is not a calendar date/],
    ['2026-03-02..2026-03-01', /starts \(2026-03-02\) after it ends/],
    ['2024-01-01..2027-01-01', /more than 3 years/],
    // Starts after today: nothing to show, whatever its length (it used to be called "more than 3 years").
    ['2026-11-24..2026-11-24', /starts after today \(2026-11-23\)/],
    ['2027-06-01..2027-06-02', /starts after today \(2026-11-23\), so it has no figures yet/],
    ['9997-06-01..9997-06-02', /"9997-06-01" is not in a year from 2000 to 2099/],
    ['1999-12-31..2000-01-01', /"1999-12-31" is not in a year from 2000 to 2099/],
    ['2025-01-01..2100-01-01', /"2100-01-01" is not in a year from 2000 to 2099/],
    ['2026-01-01..2026-02-01..2026-03-01', /not a period/],
  ])('rejects %j', (text, message) => {
    expect(() => parsePeriod(text, TODAY)).toThrow(PeriodError)
    expect(() => parsePeriod(text, TODAY)).toThrow(message)
  })

  it('compares with the same days a year earlier, 29 February as the 28th', () => {
    expect(previousYear({ from: '2026-01-01', to: '2026-11-23' })).toEqual({ from: '2025-01-01', to: '2025-11-23' })
    expect(previousYear({ from: '2028-02-01', to: '2028-02-29' })).toEqual({ from: '2027-02-01', to: '2027-02-28' })
  })

  it('lists every day of a range across a month end', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
  })
})
