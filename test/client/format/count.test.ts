import { describe, expect, it } from 'vitest'
import { countParts, formatCount } from '../../../client/src/format/count'

describe('formatCount in Chinese units', () => {
  it.each([
    [20_938_000, '2093.8万'],
    [179_000_000, '1.79亿'],
    [83_720_000, '8372.0万'],
    [12_345, '1.2万'],
    [10_000, '1.0万'],
    [9_999, '9999'],
    [0, '0'],
    [1_234_567_890, '12.35亿'],
  ])('%d → %s', (n, expected) => {
    expect(formatCount(n, 'zh-CN')).toBe(expected)
  })

  it('moves up a unit when rounding reaches it', () => {
    expect(formatCount(99_999_999, 'zh-CN')).toBe('1.00亿')
    expect(formatCount(9_999.6, 'zh-CN')).toBe('1.0万')
  })

  it('appends what is counted', () => {
    expect(formatCount(20_938_000, 'zh-CN', '人')).toBe('2093.8万人')
  })

  it('splits value and unit for styling', () => {
    expect(countParts(8_523_000, 'zh-CN')).toEqual({ value: '852.3', unit: '万' })
  })

  it('prints a dash for non-numbers rather than NaN', () => {
    expect(formatCount(Number.NaN, 'zh-CN')).toBe('—')
  })
})

describe('formatCount in English', () => {
  it.each([
    [20_938_000, '20.94 M'],
    [179_000_000, '179.00 M'],
    [1_790_000_000, '1.79 B'],
    [8_500, '8.5 K'],
    [999, '999'],
    [999_999, '1.00 M'],
  ])('%d → %s', (n, expected) => {
    expect(formatCount(n, 'en')).toBe(expected)
  })

  it('appends what is counted', () => {
    expect(formatCount(20_938_000, 'en', ' people')).toBe('20.94 M people')
  })
})
