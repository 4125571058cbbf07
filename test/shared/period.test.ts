import { describe, expect, it } from 'vitest'
import { readPeriod, shiftYears } from '../../shared/period'

const TODAY = '2026-11-23'

describe('readPeriod', () => {
  it.each([
    ['today', { kind: 'relative', name: 'today' }],
    ['ytd', { kind: 'relative', name: 'ytd' }],
    ['campaign:CL-2026', { kind: 'campaign', campaignId: 'CL-2026' }],
    ['2025-03-01..2025-03-01', { kind: 'range', range: { from: '2025-03-01', to: '2025-03-01' } }],
    ['2024-01-01..2026-12-31', { kind: 'range', range: { from: '2024-01-01', to: '2026-12-31' } }],
    // A range that starts today has its days so far to show.
    [`${TODAY}..2026-12-31`, { kind: 'range', range: { from: TODAY, to: '2026-12-31' } }],
  ])('reads %j', (text, spec) => {
    expect(readPeriod(text, TODAY)).toEqual({ ok: true, spec })
  })

  it('takes three whole years, counted in days whatever leap days they hold', () => {
    expect(readPeriod('2021-03-01..2024-02-29', '2024-03-01')).toMatchObject({ ok: true })
    expect(readPeriod('2021-03-01..2024-03-01', '2024-03-01')).toEqual({ ok: false, fault: { kind: 'too_long', range: { from: '2021-03-01', to: '2024-03-01' }, days: 1097 } })
  })

  it.each([
    ['', { kind: 'unknown' }],
    ['garbage', { kind: 'unknown' }],
    ['campaign:', { kind: 'unknown' }],
    ['2026-01-01..2026-02-01..2026-03-01', { kind: 'unknown' }],
    ['2026-02-30..2026-03-01', { kind: 'not_a_date', date: '2026-02-30' }],
    ['2026-01-01..2026-3-01', { kind: 'not_a_date', date: '2026-3-01' }],
    ['1999-12-31..2000-01-01', { kind: 'year_out_of_range', date: '1999-12-31' }],
    ['2025-01-01..2100-01-01', { kind: 'year_out_of_range', date: '2100-01-01' }],
    ['2026-03-02..2026-03-01', { kind: 'reversed', range: { from: '2026-03-02', to: '2026-03-01' } }],
    ['2026-11-24..2026-11-24', { kind: 'starts_after_today', range: { from: '2026-11-24', to: '2026-11-24' }, today: TODAY }],
    ['2022-01-01..2025-01-01', { kind: 'too_long', range: { from: '2022-01-01', to: '2025-01-01' }, days: 1097 }],
  ])('refuses %j, saying why', (text, fault) => {
    expect(readPeriod(text, TODAY)).toEqual({ ok: false, fault })
  })

  it('leaves a future range open when it does not know today', () => {
    expect(readPeriod('2027-06-01..2027-06-02')).toMatchObject({ ok: true })
  })

  it('shifts 29 February to the 28th', () => {
    expect(shiftYears('2028-02-29', -1)).toBe('2027-02-28')
    expect(shiftYears('2026-11-23', 3)).toBe('2029-11-23')
  })
})
