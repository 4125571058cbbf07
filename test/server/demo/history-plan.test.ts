// The demo's first-start history plan: this year from 1 January and the same calendar span a
// year earlier, and how a restart carries an unfinished one on.
import { describe, expect, it } from 'vitest'
import { carriedOn, filledShare, firstHistoryPlan } from '../../../server/demo/history-progress'
import { at } from './demo-regions'

describe('the first-start history plan', () => {
  it('covers this year to now and the same span a year earlier', () => {
    const plan = firstHistoryPlan(at('2026-12-05T10:30:00+08:00'), undefined)
    expect(plan.recent).toEqual({ from: at('2026-01-01T00:00:00+08:00'), to: at('2026-12-05T10:30:00+08:00'), filledUntil: at('2026-01-01T00:00:00+08:00') })
    expect(plan.yearEarlier).toEqual({ from: at('2025-01-01T00:00:00+08:00'), to: at('2025-12-05T10:30:00+08:00'), filledUntil: at('2025-01-01T00:00:00+08:00') })
    // 29 February a year earlier is the 28th.
    expect(firstHistoryPlan(at('2028-02-29T09:00:00+08:00'), undefined).yearEarlier?.to).toBe(at('2027-02-28T09:00:00+08:00'))
  })

  it('covers only the last days when given days, with no year earlier', () => {
    const plan = firstHistoryPlan(at('2026-12-05T10:30:00+08:00'), 14)
    expect(plan.recent.from).toBe(at('2026-11-21T00:00:00+08:00'))
    expect(plan.yearEarlier).toBeUndefined()
  })

  it('carries an unfinished history on up to the restart, the year earlier with it, and ends a finished one', () => {
    const plan = firstHistoryPlan(at('2026-03-01T12:00:00+08:00'), undefined)
    const halfway = { ...plan, recent: { ...plan.recent, filledUntil: at('2026-02-01T00:00:00+08:00') } }
    expect(filledShare(halfway)).toBeCloseTo(31 / (59.5 * 2), 2)
    const restarted = carriedOn(halfway, at('2026-03-02T08:00:00+08:00'))
    expect(restarted?.recent).toEqual({ ...halfway.recent, to: at('2026-03-02T08:00:00+08:00') })
    expect(restarted?.yearEarlier).toEqual({ ...plan.yearEarlier, to: at('2025-03-02T08:00:00+08:00') })
    // This year done, the year earlier not: it stays as planned; live covers the gap to the restart.
    const thisYearDone = { ...plan, recent: { ...plan.recent, filledUntil: plan.recent.to } }
    expect(carriedOn(thisYearDone, at('2026-03-02T08:00:00+08:00'))).toEqual(thisYearDone)
    expect(filledShare(thisYearDone)).toBeCloseTo(0.5, 5)
    const done = { ...thisYearDone, yearEarlier: { ...thisYearDone.yearEarlier!, filledUntil: thisYearDone.yearEarlier!.to } }
    expect(carriedOn(done, at('2026-03-02T08:00:00+08:00'))).toBeUndefined()
    expect(filledShare(done)).toBe(1)
  })
})
