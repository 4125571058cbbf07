import { describe, expect, it } from 'vitest'
import { afterCalendarDays, afterWorkingDays } from '../../../server/deadlines/statutory-deadlines'
import { addCalendarDays, endOfLocalDay, localDateOf } from '../../../server/time/zoned-time'

describe('local days', () => {
  it('puts an instant on the calendar day of the zone', () => {
    expect(localDateOf(new Date('2026-11-23T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-24')
    expect(localDateOf(new Date('2026-11-23T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-23')
  })

  it('ends a day at its last millisecond in the zone', () => {
    expect(endOfLocalDay('2026-11-23', 'Asia/Shanghai').toISOString()).toBe('2026-11-23T15:59:59.999Z')
    expect(endOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z')
  })

  it('adds calendar days across months and leap years', () => {
    expect(addCalendarDays('2028-02-27', 3)).toBe('2028-03-01')
  })
})

describe('statutory deadlines', () => {
  const zone = 'Asia/Shanghai'

  it('counts working days on the official calendar, skipping the National Day holiday', () => {
    // Received Monday 28 September 2026; 1–7 October are holidays.
    const due = afterWorkingDays(new Date('2026-09-28T10:00:00+08:00'), 7, zone)
    expect(localDateOf(due, zone)).toBe('2026-10-13')
    expect(due.toISOString()).toBe('2026-10-13T15:59:59.999Z')
  })

  it('counts an adjusted working Saturday as a working day', () => {
    // Saturday 10 October 2026 is a make-up working day.
    expect(localDateOf(afterWorkingDays(new Date('2026-10-09T09:00:00+08:00'), 1, zone), zone)).toBe('2026-10-10')
  })

  it('counts plain calendar days for case decisions', () => {
    expect(localDateOf(afterCalendarDays(new Date('2026-01-01T23:30:00+08:00'), 90, zone), zone)).toBe('2026-04-01')
  })
})
