import { describe, expect, it } from 'vitest'
import { countdown, isToday } from '../../../client/src/desk/countdown'

const at = (local: string) => Date.parse(`${local}+08:00`)
// End of Tuesday 8 December 2026, as the server writes a deadline.
const TUESDAY_END = '2026-12-08T23:59:59+08:00'

describe('a deadline counted in working days', () => {
  it('counts the working days after today up to the deadline, weekends left out', () => {
    // Friday: Monday and Tuesday remain.
    expect(countdown(TUESDAY_END, at('2026-12-04T10:00:00'))).toEqual({ clock: 'on_time', workingDays: 2 })
    expect(countdown(TUESDAY_END, at('2026-12-05T10:00:00'))).toEqual({ clock: 'on_time', workingDays: 2 })
  })

  it('is due soon within one working day, and on its last day', () => {
    expect(countdown(TUESDAY_END, at('2026-12-07T10:00:00'))).toEqual({ clock: 'due_soon', workingDays: 1 })
    expect(countdown(TUESDAY_END, at('2026-12-08T23:00:00'))).toEqual({ clock: 'due_soon', workingDays: 0 })
  })

  it('is overdue past the deadline, by the working days since', () => {
    expect(countdown(TUESDAY_END, at('2026-12-09T00:00:01'))).toEqual({ clock: 'overdue', workingDays: 1 })
    // Wednesday to the next Monday: Wed, Thu, Fri, Mon.
    expect(countdown(TUESDAY_END, at('2026-12-14T09:00:00'))).toEqual({ clock: 'overdue', workingDays: 4 })
  })

  it('skips the National Day holiday and counts an adjusted working Saturday', () => {
    // 30 September to 8 October 2026: eight calendar days, one working day (1–7 October are off).
    expect(countdown('2026-10-08T23:59:59+08:00', at('2026-09-30T10:00:00'))).toEqual({ clock: 'due_soon', workingDays: 1 })
    // Saturday 10 October is worked; Sunday 11 is not.
    expect(countdown('2026-10-12T23:59:59+08:00', at('2026-10-09T10:00:00'))).toEqual({ clock: 'on_time', workingDays: 2 })
  })

  it('reads today on the deadline\'s own offset, not the browser\'s', () => {
    // 17:00 UTC on Monday is already Tuesday 01:00 in China: the last day.
    expect(countdown(TUESDAY_END, Date.parse('2026-12-07T17:00:00Z'))).toEqual({ clock: 'due_soon', workingDays: 0 })
  })
})

describe('today', () => {
  it('is the local date of the instant\'s offset', () => {
    expect(isToday('2026-12-04T00:30:00+08:00', Date.parse('2026-12-04T15:00:00Z'))).toBe(true)
    expect(isToday('2026-12-03T23:30:00+08:00', Date.parse('2026-12-04T01:00:00+08:00'))).toBe(false)
  })
})
