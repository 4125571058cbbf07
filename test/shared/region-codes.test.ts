import { describe, expect, it } from 'vitest'
import { isPlaceholderRegion, isRegionCode, regionLevelOf } from '../../shared/region-codes'

describe('region codes', () => {
  it('tells the level from the code', () => {
    expect(regionLevelOf('510000')).toBe('province')
    expect(regionLevelOf('510100')).toBe('city')
    expect(regionLevelOf('510104')).toBe('county')
  })

  it('accepts six digits not starting with 0', () => {
    expect(isRegionCode('510104')).toBe(true)
    expect(isRegionCode('051010')).toBe(false)
    expect(isRegionCode('51010')).toBe(false)
    expect(isRegionCode('51010x')).toBe(false)
  })

  it('treats 市辖区 and development zones as placeholders, but not a real county-level city ending in 01', () => {
    expect(isPlaceholderRegion('510101', '市辖区')).toBe(true)
    expect(isPlaceholderRegion('510171', '成都高新技术产业开发区')).toBe(true)
    expect(isPlaceholderRegion('513401', '西昌市')).toBe(false)
    expect(isPlaceholderRegion('510100', '成都市')).toBe(false)
  })
})
