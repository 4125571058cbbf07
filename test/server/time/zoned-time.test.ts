import { describe, expect, it } from 'vitest'
import { assertTimeZone, isoInTimeZone } from '../../../server/time/zoned-time'

describe('isoInTimeZone', () => {
  it('writes the instant in the zone with its offset, and means the same instant', () => {
    const instant = new Date('2026-11-23T16:30:05.042Z')
    expect(isoInTimeZone(instant, 'Asia/Shanghai')).toBe('2026-11-24T00:30:05.042+08:00')
    expect(Date.parse(isoInTimeZone(instant, 'Asia/Shanghai'))).toBe(instant.getTime())
    expect(isoInTimeZone(instant, 'UTC')).toBe('2026-11-23T16:30:05.042+00:00')
    expect(isoInTimeZone(instant, 'America/New_York')).toBe('2026-11-23T11:30:05.042-05:00')
  })

  it('refuses an unknown zone', () => {
    expect(() => assertTimeZone('Asia/Nowhere')).toThrow(RangeError)
    expect(() => assertTimeZone('Asia/Shanghai')).not.toThrow()
  })
})
