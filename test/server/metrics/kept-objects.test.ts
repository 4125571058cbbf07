import { describe, expect, it } from 'vitest'
import { KEEP_NOTHING, KeptObjects } from '../../../server/metrics/kept-objects'

describe('KeptObjects', () => {
  it('hands back the kept object while a fresh one has the same fields, and keeps the fresh one once it differs', () => {
    const slot = new KeptObjects().slot('summary|510104')
    const first = slot.same(0, { value: 1, numerator: 1, denominator: null })
    expect(slot.same(0, { value: 1, numerator: 1, denominator: null })).toBe(first)
    const changed = { value: 2, numerator: 2, denominator: null }
    expect(slot.same(0, changed)).toBe(changed)
    expect(slot.same(0, { value: 2, numerator: 2, denominator: null })).toBe(changed)
    // A field more or fewer is a different object.
    expect(slot.same(0, { value: 2, numerator: 2 })).not.toBe(changed)
  })

  it('compares arrays by their items, and objects within by identity only', () => {
    const slot = new KeptObjects().slot('breakdown')
    const item = { rank: 1 }
    const list = slot.same(1, [item])
    expect(slot.same(1, [item])).toBe(list)
    expect(slot.same(1, [{ rank: 1 }])).not.toBe(list)
  })

  it('keeps places and slots apart, and nothing at all for reads that keep nothing', () => {
    const kept = new KeptObjects()
    const a = kept.slot('a').same(0, { value: 1 })
    expect(kept.slot('b').same(0, { value: 1 })).not.toBe(a)
    expect(kept.slot('a').same(1, { value: 1 })).not.toBe(a)
    const fresh = { value: 1 }
    expect(KEEP_NOTHING.slot('a').same(0, fresh)).toBe(fresh)
  })
})
