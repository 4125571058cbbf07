// The county shapes bundled for Sichuan, matched against the current code list.
import { geoArea, geoCentroid } from 'd3-geo'
import { describe, expect, it } from 'vitest'
import { knownCodeChanges } from '../../../server/geo/code-changes'
import { CountyShapeSource } from '../../../server/geo/county-shapes'
import { loadProvinceDivisions } from '../../../server/regions/region-tree'
import { SICHUAN_CODE } from './sichuan-cities'

const divisions = loadProvinceDivisions(SICHUAN_CODE)
const cities = divisions.filter((division) => division.parentCode === SICHUAN_CODE)
const countiesOf = (cityCode: string) => divisions.filter((division) => division.parentCode === cityCode)

describe('bundled county shapes', () => {
  const source = new CountyShapeSource(SICHUAN_CODE, knownCodeChanges())

  it('give every county of every city a real shape, with nothing left unmatched', () => {
    let drawn = 0
    for (const city of cities) {
      const counties = countiesOf(city.code)
      const { features, unmatched } = source.countiesOf(city.code, counties)
      expect(unmatched, city.name).toEqual([])
      expect(features.map((feature) => feature.properties.code)).toEqual(counties.map((county) => county.code))
      for (const feature of features) {
        expect(feature.properties.schematic).toBe(false)
        // wound for d3: a small area, not the rest of the globe
        expect(geoArea(feature)).toBeGreaterThan(0)
        expect(geoArea(feature)).toBeLessThan(0.01)
      }
      drawn += features.length
    }
    expect(drawn).toBe(183)
  })

  it('matches counties renamed or recoded since the source was drawn', () => {
    const shapeOf = (cityCode: string, code: string) => source.countiesOf(cityCode, countiesOf(cityCode)).features.find((feature) => feature.properties.code === code)
    expect(shapeOf('510100', '510118')?.properties.name).toBe('新津区') // source: 新津县
    expect(shapeOf('510100', '510117')?.properties.name).toBe('郫都区') // source: code 510124
    expect(shapeOf('513400', '513402')?.properties.name).toBe('会理市') // source: 会理县 513425
    expect(shapeOf('511500', '511504')?.properties.name).toBe('叙州区') // source: 宜宾县 511521, by code only
    expect(shapeOf('510900', '510981')?.properties.name).toBe('射洪市')
    // and in the right place: 大邑 lies west of central Chengdu, 简阳 east of it
    const longitude = (code: string) => geoCentroid(shapeOf('510100', code)!)[0]
    expect(longitude('510129')).toBeLessThan(longitude('510104') - 0.4)
    expect(longitude('510185')).toBeGreaterThan(longitude('510104') + 0.3)
  })

  it('reports what did not match and leaves such a city to the schematic', () => {
    const withoutChanges = new CountyShapeSource(SICHUAN_CODE, new Map())
    const yibin = withoutChanges.countiesOf('511500', countiesOf('511500'))
    expect(yibin.features).toEqual([])
    expect(yibin.unmatched).toEqual(['511500: 511521 宜宾县', '511500: no shape for 511504 叙州区'])

    const withNewCounty = source.countiesOf('510400', [...countiesOf('510400'), { code: '510499', name: '新设区' }])
    expect(withNewCounty.features).toEqual([])
    expect(withNewCounty.unmatched).toEqual(['510400: no shape for 510499 新设区'])

    expect(source.countiesOf('519900', []).unmatched).toEqual(['519900: no county shapes in the bundled file'])
    expect(new CountyShapeSource('500000', new Map()).countiesOf('500100', countiesOf('500100')).unmatched).toEqual(['500100: no county shapes in the bundled file'])
  })
})
