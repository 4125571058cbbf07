import { describe, expect, it } from 'vitest'
import { CLASS_COLOURS, NO_DATA_COLOUR, choropleth } from '../../../client/src/map/choropleth'

describe('choropleth', () => {
  it('spreads five classes evenly from the lowest to the highest value', () => {
    const map = choropleth([
      { code: 'a', value: 0 },
      { code: 'b', value: 49 },
      { code: 'c', value: 100 },
      { code: 'd', value: null },
    ])
    expect(map.fills.get('a')).toBe(CLASS_COLOURS[0])
    expect(map.fills.get('b')).toBe(CLASS_COLOURS[2])
    expect(map.fills.get('c')).toBe(CLASS_COLOURS[4])
    expect(map.fills.get('d')).toBe(NO_DATA_COLOUR)
    expect(map.someWithout).toBe(true)
    expect(map.legend.map((c) => [c.from, c.to])).toEqual([[0, 20], [20, 40], [40, 60], [60, 80], [80, 100]])
  })

  it('draws one value everywhere as one middle class, and nothing as no data', () => {
    const same = choropleth([{ code: 'a', value: 3 }, { code: 'b', value: 3 }])
    expect(new Set(same.fills.values())).toEqual(new Set([CLASS_COLOURS[2]]))
    expect(same.legend).toHaveLength(1)
    const empty = choropleth([{ code: 'a', value: null }])
    expect(empty.legend).toEqual([])
    expect(empty.fills.get('a')).toBe(NO_DATA_COLOUR)
  })
})
