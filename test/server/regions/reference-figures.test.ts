import { describe, expect, it } from 'vitest'
import type { Division } from '../../../server/regions/region-tree'
import { COUNTY_WEIGHT, ENTITY_DENSITY, apportion, estimateReferenceFigures, parseReferenceCsv } from '../../../server/regions/reference-figures'

const divisions: Division[] = [
  { code: '510000', name: '四川省', parentCode: null },
  { code: '510100', name: '成都市', parentCode: '510000' },
  { code: '510104', name: '锦江区', parentCode: '510100' },
  { code: '510121', name: '金堂县', parentCode: '510100' },
  { code: '510300', name: '自贡市', parentCode: '510000' },
  { code: '510302', name: '自流井区', parentCode: '510300' },
]

describe('estimateReferenceFigures', () => {
  it('splits a city\'s population over its counties by the stated weights and marks them estimated', () => {
    const figures = estimateReferenceFigures(divisions, new Map([['510100', { population: 2_500_000 }], ['510300', { population: 1_000_000 }]]))
    const district = COUNTY_WEIGHT.district / (COUNTY_WEIGHT.district + COUNTY_WEIGHT.county)
    expect(figures.get('510104')).toMatchObject({ population: Math.round(2_500_000 * district), populationEstimated: true, marketEntitiesEstimated: true })
    expect(figures.get('510100')).toMatchObject({ populationEstimated: false, marketEntitiesEstimated: true })
    expect(figures.get('510121')?.population).toBe(2_500_000 - Math.round(2_500_000 * district))
    expect(figures.get('510000')?.population).toBe(3_500_000)
  })

  it('gives the capital a higher business density than other cities', () => {
    const figures = estimateReferenceFigures(divisions, new Map([['510100', { population: 1_000_000 }], ['510300', { population: 1_000_000 }]]))
    const capital = Math.round(1_000_000 * ENTITY_DENSITY.capital)
    const other = Math.round(1_000_000 * ENTITY_DENSITY.other)
    expect(figures.get('510100')?.marketEntities).toBe(capital)
    expect(figures.get('510300')?.marketEntities).toBe(other)
    expect(figures.get('510000')).toMatchObject({ marketEntities: capital + other, populationEstimated: false, marketEntitiesEstimated: true })
  })

  it('uses operator figures as they are and adds counties up into their city', () => {
    const figures = estimateReferenceFigures(
      divisions,
      new Map([
        ['510104', { population: 900_000, marketEntities: 150_000 }],
        ['510121', { population: 800_000, marketEntities: 50_000 }],
        ['510300', { population: 1_000_000, marketEntities: 90_000 }],
        ['510302', { population: 1_000_000, marketEntities: 90_000 }],
      ]),
    )
    const given = { populationEstimated: false, marketEntitiesEstimated: false }
    expect(figures.get('510104')).toEqual({ population: 900_000, marketEntities: 150_000, ...given })
    expect(figures.get('510100')).toEqual({ population: 1_700_000, marketEntities: 200_000, ...given })
    expect(figures.get('510000')).toMatchObject({ population: 2_700_000, marketEntities: 290_000 })
  })
})

describe('apportion', () => {
  it('gives whole shares in proportion that add up exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3])
    expect(apportion(20_937_757, [1.5, 1.5, 1, 1.2]).reduce((a, b) => a + b, 0)).toBe(20_937_757)
    expect(apportion(5, [0, 0])).toEqual([0, 0])
  })
})

describe('parseReferenceCsv', () => {
  it('reads the columns by name, with a BOM, thousands separators and empty cells', () => {
    const figures = parseReferenceCsv('\uFEFFname,code,population,market_entities\n成都市,510100,"20,937,757",\n', 'test.csv')
    expect(figures.get('510100')).toEqual({ population: 20_937_757 })
  })

  it('names the file, line and column of a bad figure', () => {
    expect(() => parseReferenceCsv('code,population\n510100,-5\n', 'ref.csv')).toThrow('reference data ref.csv line 2: population "-5" is not a whole number ≥ 0')
    expect(() => parseReferenceCsv('code,population\n5101,5\n', 'ref.csv')).toThrow('line 2: code "5101" is not a six-digit region code')
  })
})
