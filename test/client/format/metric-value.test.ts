import { describe, expect, it } from 'vitest'
import { daysInRange, decimalsToTellApart, formatMetric, metricColumn, metricParts, yearOnYear } from '../../../client/src/format/metric-value'

describe('formatMetric', () => {
  it.each([
    [179_000_000, 'yuan', 'zh-CN', '1.79亿元'],
    [336_000, 'items', 'zh-CN', '33.6万件'],
    [7_911, 'items', 'zh-CN', '7911件'],
    [97.25, '%', 'zh-CN', '97.3%'],
    [3.456, 'batches', 'zh-CN', '3.46批/千人'],
    [179_000_000, 'yuan', 'en', '179.00 M yuan'],
    [null, '%', 'zh-CN', '—'],
    // Not "0.0%" for a ratio that is small but not nothing.
    [0.0261, '%', 'zh-CN', '0.026%'],
    [0, '%', 'zh-CN', '0.0%'],
    [0.0012, 'batches', 'zh-CN', '0.0012批/千人'],
  ] as const)('%s %s in %s → %s', (value, unit, locale, expected) => {
    expect(formatMetric(value, unit, locale)).toBe(expected)
  })

  it('keeps the number apart from its unit for styling', () => {
    expect(metricParts(46_000_000, 'yuan', 'zh-CN')).toEqual({ value: '4600.0', unit: '万元' })
  })
})

describe('yearOnYear', () => {
  it('compares rates in percentage points and amounts relatively', () => {
    expect(yearOnYear(98.5, 97, '%')).toEqual({ change: 1.5, points: true })
    expect(yearOnYear(120, 100, 'items')).toEqual({ change: 20, points: false })
  })

  it('has nothing to say without a year-earlier figure or from zero', () => {
    expect(yearOnYear(5, null, 'items')).toBeNull()
    expect(yearOnYear(5, 0, 'items')).toBeNull()
    expect(yearOnYear(null, 3, '%')).toBeNull()
  })
})

describe('daysInRange', () => {
  it('counts both ends', () => {
    expect(daysInRange({ from: '2026-01-01', to: '2026-12-01' })).toBe(335)
    expect(daysInRange({ from: '2026-12-01', to: '2026-12-01' })).toBe(1)
  })
})

describe('a column of values: one form, told apart', () => {
  it('takes the decimals that tell different rates apart, at most three more than usual', () => {
    expect(decimalsToTellApart([97.25, 96.1, 88], '%')).toBe(1)
    expect(decimalsToTellApart([0.0312, 0.0349, 0.041, null], '%')).toBe(3)
    expect(decimalsToTellApart([0.01631, 0.01634], '%')).toBe(4)
    // Equal values need nothing more; values apart only past the limit stop at it.
    expect(decimalsToTellApart([0.5, 0.5], '%')).toBe(1)
    expect(decimalsToTellApart([0.000001, 0.000002], '%')).toBe(4)
    expect(decimalsToTellApart([3.451, 3.454], 'batches')).toBe(3)
  })

  it('prints every rate of a ranking at the same precision', () => {
    const format = metricColumn([0.0312, 0.0349, 12.5], '%', 'zh-CN')
    expect([0.0312, 0.0349, 12.5].map((value) => format(value).value)).toEqual(['0.031', '0.035', '12.500'])
    expect(format(null)).toEqual({ value: '—', unit: '' })
  })

  it('prints counts all in full, or all in the largest one\'s unit: never "1.0万" beside "4701"', () => {
    const small = metricColumn([19_340, 4_701, 42], 'items', 'zh-CN')
    expect([19_340, 4_701, 42].map((value) => small(value).value + small(value).unit)).toEqual(['19340件', '4701件', '42件'])
    const large = metricColumn([1_234_567, 4_701], 'items', 'zh-CN')
    expect([1_234_567, 4_701].map((value) => large(value).value + large(value).unit)).toEqual(['123.5万件', '0.5万件'])
    const english = metricColumn([1_934, 334], 'items', 'en')
    expect([1_934, 334].map((value) => english(value).value)).toEqual(['1934', '334'])
  })
})
