import { describe, expect, it } from 'vitest'
import { playlistSlot, playlistTargets, screensBeside } from '../../../client/src/wall/playlist'

describe('playlistTargets', () => {
  it('shows every screen of a region before the next region', () => {
    const targets = playlistTargets({ screens: ['overview', 'campaign'], regions: ['510000', '510100'], intervalS: 30, period: 'ytd' })
    expect(targets.map((t) => `${t.screen}@${t.region}`)).toEqual(['overview@510000', 'campaign@510000', 'overview@510100', 'campaign@510100'])
  })

  it('stays on the configured province when no regions are given', () => {
    expect(playlistTargets({ screens: ['inspections'], regions: [], intervalS: 30, period: '7d' })).toEqual([{ screen: 'inspections', region: null, period: '7d' }])
  })
})

describe('playlistSlot', () => {
  it('follows the clock, so a reload in the middle of a turn shows the same screen', () => {
    expect(playlistSlot(0, 30, 4)).toEqual({ index: 0, nextAtMs: 30_000 })
    expect(playlistSlot(29_999, 30, 4)).toEqual({ index: 0, nextAtMs: 30_000 })
    expect(playlistSlot(30_000, 30, 4)).toEqual({ index: 1, nextAtMs: 60_000 })
    expect(playlistSlot(125_000, 30, 4)).toEqual({ index: 0, nextAtMs: 150_000 })
  })
})

describe('screensBeside', () => {
  it('fills a wide wall with the chosen screen and the ones after it, each once', () => {
    expect(screensBeside('complaints', 3)).toEqual(['complaints', 'inspections', 'overview'])
    expect(screensBeside('campaign', 3, ['overview', 'campaign'])).toEqual(['campaign', 'overview'])
    expect(screensBeside('overview', 1)).toEqual(['overview'])
  })
})
