import { describe, expect, it } from 'vitest'
import { afterCalendarDays, afterWorkingDays } from '../../../server/clocks/statutory-deadlines'
import { localDateOf } from '../../../server/time/zoned-time'

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
