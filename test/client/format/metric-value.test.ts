import { describe, expect, it } from 'vitest'
import { daysInRange, formatMetric, metricParts, yearOnYear } from '../../../client/src/format/metric-value'

describe('formatMetric', () => {
  it.each([
    [179_000_000, 'yuan', 'zh-CN', '1.79亿元'],
    [336_000, 'items', 'zh-CN', '33.6万件'],
    [7_911, 'items', 'zh-CN', '7911件'],
    [97.25, '%', 'zh-CN', '97.3%'],
    [3.456, 'batches', 'zh-CN', '3.46批/千人'],
    [179_000_000, 'yuan', 'en', '179.00 M yuan'],
    [null, '%', 'zh-CN', '—'],
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
