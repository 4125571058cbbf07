import { describe, expect, it } from 'vitest'
import { STALE_AMBER_MS, STALE_RED_MS } from '../../../shared/live'
import { liveStatus } from '../../../client/src/live/status'

describe('liveStatus', () => {
  it('is live while signs of life are recent', () => {
    expect(liveStatus({ connected: true, ageMs: 0 })).toBe('live')
    expect(liveStatus({ connected: true, ageMs: STALE_AMBER_MS - 1 })).toBe('live')
  })

  it('turns amber at STALE_AMBER_MS and red at STALE_RED_MS', () => {
    expect(liveStatus({ connected: true, ageMs: STALE_AMBER_MS })).toBe('stale')
    expect(liveStatus({ connected: true, ageMs: STALE_RED_MS - 1 })).toBe('stale')
    expect(liveStatus({ connected: true, ageMs: STALE_RED_MS })).toBe('offline')
  })

  it('is amber at once while the link is down or the server cannot read its database, red once the data is a minute old', () => {
    expect(liveStatus({ connected: false, ageMs: 0 })).toBe('stale')
    expect(liveStatus({ connected: true, databaseUnreachable: true, ageMs: 0 })).toBe('stale')
    expect(liveStatus({ connected: false, ageMs: STALE_RED_MS })).toBe('offline')
    expect(liveStatus({ connected: true, databaseUnreachable: false, ageMs: 0 })).toBe('live')
  })

  it('is offline before any sign of life', () => {
    expect(liveStatus({ connected: true, ageMs: null })).toBe('offline')
  })

  it('returns to live by itself once beats resume', () => {
    const ages = [STALE_RED_MS + 5, STALE_AMBER_MS + 5, 100]
    expect(ages.map((ageMs) => liveStatus({ connected: true, ageMs }))).toEqual(['offline', 'stale', 'live'])
  })

  it('does not flash amber between beats of a slow server', () => {
    expect(liveStatus({ connected: true, ageMs: 14_000, intervalMs: 15_000 })).toBe('live')
    expect(liveStatus({ connected: true, ageMs: 31_000, intervalMs: 15_000 })).toBe('stale')
  })
})
