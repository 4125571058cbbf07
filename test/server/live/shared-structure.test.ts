import { describe, expect, it } from 'vitest'
import { sharingUnchanged } from '../../../server/live/shared-structure'

describe('sharingUnchanged', () => {
  it('hands back the previous object while the fresh one deep-equals it', () => {
    const previous = { summary: { value: 1, numerator: 1, denominator: null }, children: [{ rank: 1 }, { rank: 2 }] }
    expect(sharingUnchanged(previous, { summary: { value: 1, numerator: 1, denominator: null }, children: [{ rank: 1 }, { rank: 2 }] })).toBe(previous)
  })

  it('keeps the unchanged parts of a changed snapshot and the fresh parts that changed', () => {
    const previous = { summary: { value: 1 }, ticker: { 'case:1': { id: '1' } }, children: [{ rank: 1 }, { rank: 2 }] }
    const fresh = { summary: { value: 2 }, ticker: { 'case:1': { id: '1' } }, children: [{ rank: 1 }, { rank: 3 }] }
    const changedSummary = fresh.summary
    const changedChild = fresh.children[1]
    const shared = sharingUnchanged(previous, fresh)
    expect(shared).not.toBe(previous)
    expect(shared).toEqual({ summary: { value: 2 }, ticker: { 'case:1': { id: '1' } }, children: [{ rank: 1 }, { rank: 3 }] })
    expect(shared.summary).toBe(changedSummary)
    expect(shared.ticker).toBe(previous.ticker)
    expect(shared.children[0]).toBe(previous.children[0])
    expect(shared.children[1]).toBe(changedChild)
  })

  it('tells a field more or fewer, an item more or fewer, and an array from an object', () => {
    const previous = { value: 2, numerator: 2 } as Record<string, unknown>
    expect(sharingUnchanged(previous, { value: 2 })).not.toBe(previous)
    expect(sharingUnchanged(previous, { value: 2, numerator: 2, denominator: null })).not.toBe(previous)
    const list = [{ rank: 1 }]
    expect(sharingUnchanged(list, [{ rank: 1 }, { rank: 2 }])).not.toBe(list)
    expect(sharingUnchanged(list, [])).not.toBe(list)
    expect(sharingUnchanged<unknown>({ 0: 1 }, [1])).toEqual([1])
  })

  it('leaves a fresh object untouched where none of its parts can be shared', () => {
    const item = Object.freeze({ id: '1', at: '2026-12-04T10:00:00+08:00' })
    const fresh = { ticker: { 'case:1': item } }
    expect(sharingUnchanged({ ticker: { 'case:1': { id: '1', at: 'earlier' } } }, fresh).ticker['case:1']).toBe(item)
  })
})
