import { describe, expect, it } from 'vitest'
import { withinScope } from '../../../client/src/access/scope'

describe('withinScope', () => {
  it('holds the scope and everything below it, nothing above or beside', () => {
    expect(withinScope('510000', '510000')).toBe(true)
    expect(withinScope('510000', '510104')).toBe(true)
    expect(withinScope('510100', '510100')).toBe(true)
    expect(withinScope('510100', '510104')).toBe(true)
    expect(withinScope('510100', '510000')).toBe(false)
    expect(withinScope('510100', '510700')).toBe(false)
    expect(withinScope('510100', '510703')).toBe(false)
    expect(withinScope('510104', '510104')).toBe(true)
    expect(withinScope('510104', '510105')).toBe(false)
    expect(withinScope('510104', '510100')).toBe(false)
    expect(withinScope('510000', '520100')).toBe(false)
  })
})
