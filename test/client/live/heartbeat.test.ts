import { describe, expect, it } from 'vitest'
import { isHeartbeat, utcOffsetMinutes, wallClock } from '../../../client/src/live/heartbeat'

describe('isHeartbeat', () => {
  it('accepts the shared shape', () => {
    expect(isHeartbeat({ seq: 3, database: 'reachable', serverTime: '2025-11-23T12:00:00+08:00', intervalMs: 5000 })).toBe(true)
    expect(isHeartbeat({ seq: 3, database: 'unreachable', serverTime: '2025-11-23T12:00:00+08:00', intervalMs: 5000 })).toBe(true)
  })

  it.each([
    null,
    'beat',
    { seq: '3', database: 'reachable', serverTime: '2025-11-23T12:00:00Z', intervalMs: 5000 },
    { seq: 3, database: 'reachable', serverTime: 'yesterday', intervalMs: 5000 },
    { seq: 3, database: 'reachable', serverTime: '2025-11-23T12:00:00Z', intervalMs: 0 },
    { seq: 3, serverTime: '2025-11-23T12:00:00Z', intervalMs: 5000 },
    { seq: 3, database: 'maybe', serverTime: '2025-11-23T12:00:00Z', intervalMs: 5000 },
  ])('rejects %j', (value) => {
    expect(isHeartbeat(value)).toBe(false)
  })
})

describe('utcOffsetMinutes', () => {
  it.each([
    ['2025-11-23T12:00:00+08:00', 480],
    ['2025-11-23T12:00:00.123Z', 0],
    ['2025-11-23T12:00:00-05:30', -330],
    ['2025-11-23T12:00:00+0800', 480],
  ])('%s → %d', (iso, minutes) => {
    expect(utcOffsetMinutes(iso)).toBe(minutes)
  })
})

describe('wallClock', () => {
  it('shows the time in the server offset, whatever the browser zone', () => {
    const ms = Date.parse('2025-11-23T16:05:09Z')
    expect(wallClock(ms, 480)).toEqual({ year: 2025, month: 11, day: 24, weekday: 1, isoDate: '2025-11-24', time: '00:05:09' })
    expect(wallClock(ms, 0).time).toBe('16:05:09')
  })
})
