import { describe, expect, it } from 'vitest'
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
