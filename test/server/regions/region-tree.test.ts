import { describe, expect, it } from 'vitest'
import { RegionTree, UnknownRegionError, loadProvinceDivisions } from '../../../server/regions/region-tree'
import { estimateReferenceFigures, loadGivenFigures } from '../../../server/regions/reference-figures'

describe('loadProvinceDivisions', () => {
  const sichuan = loadProvinceDivisions('510000')

  it('lists Sichuan: the province first, 21 prefecture-level and 183 county-level units', () => {
    expect(sichuan[0]).toEqual({ code: '510000', name: '四川省', parentCode: null })
    expect(sichuan.filter((division) => division.parentCode === '510000')).toHaveLength(21)
    expect(sichuan.filter((division) => !division.code.endsWith('00'))).toHaveLength(183)
  })

  it('hangs every county under its own city', () => {
    for (const county of sichuan.filter((division) => !division.code.endsWith('00'))) {
      expect(county.parentCode).toBe(`${county.code.slice(0, 4)}00`)
    }
  })

  it('has the current code of a county that became a city (会理县 513425 → 会理市 513402)', () => {
    expect(sichuan.find((division) => division.code === '513402')?.name).toBe('会理市')
    expect(sichuan.some((division) => division.code === '513425')).toBe(false)
  })

  it('puts a municipality\'s districts directly under it, skipping the 市辖区 grouping', () => {
    const beijing = loadProvinceDivisions('110000')
    expect(beijing.some((division) => division.name === '市辖区')).toBe(false)
    expect(beijing.find((division) => division.name === '朝阳区')?.parentCode).toBe('110000')
  })

  it('refuses a province code that is not in the code list', () => {
    expect(() => loadProvinceDivisions('990000')).toThrow('unknown province code 990000')
  })
})

describe('RegionTree', () => {
  const divisions = loadProvinceDivisions('510000')
  const tree = new RegionTree(divisions, estimateReferenceFigures(divisions, loadGivenFigures('510000', undefined)))

  it('walks up from a county to the province and down to children', () => {
    expect(tree.ancestors('510104').map((region) => region.name)).toEqual(['四川省', '成都市'])
    expect(tree.children('510100').map((region) => region.code)).toContain('510104')
    expect(tree.children('510104')).toEqual([])
    expect(tree.get('510104')?.level).toBe('county')
  })

  it('keeps every parent equal to the sum of its children', () => {
    for (const region of tree.all()) {
      const children = tree.children(region.code)
      if (children.length === 0) continue
      expect(children.reduce((sum, child) => sum + child.population, 0)).toBe(region.population)
      expect(children.reduce((sum, child) => sum + child.marketEntities, 0)).toBe(region.marketEntities)
    }
  })

  it('requires a region of the province, refusing any other code with one unknown_region error', () => {
    expect(tree.require('510104').name).toBe('锦江区')
    for (const code of ['519999', '110105', '510000x']) {
      expect(() => tree.require(code)).toThrow(UnknownRegionError)
      expect(() => tree.require(code)).toThrow(`region ${code} is not a map region of 四川省 (510000)`)
    }
    const error = (() => {
      try {
        tree.require('519999')
      } catch (caught) {
        return caught as UnknownRegionError
      }
    })()
    expect([error?.status, error?.code, error?.title]).toEqual([404, 'unknown_region', 'Unknown region'])
  })

  it('contains a region in itself and in every region above it, and in nothing else', () => {
    const inside: [string, string][] = [['510104', '510104'], ['510100', '510104'], ['510000', '510104'], ['510000', '510100']]
    // below, beside and above are not inside; a code off the map is inside nothing and contains nothing, even where its digits would fit
    const outside: [string, string][] = [['510104', '510100'], ['510100', '510300'], ['510104', '510105'], ['510100', '510000'], ['510000', '519999'], ['510100', '510199'], ['519900', '519901'], ['110000', '110105']]
    for (const [ancestor, code] of inside) expect(tree.contains(ancestor, code), `${ancestor} ∋ ${code}`).toBe(true)
    for (const [ancestor, code] of outside) expect(tree.contains(ancestor, code), `${ancestor} ∌ ${code}`).toBe(false)
  })

  it('agrees with the tree walked upwards for every pair of a city and a region', () => {
    const cities = tree.children('510000')
    for (const city of cities) {
      for (const region of tree.all()) {
        const walked = region.code === city.code || tree.ancestors(region.code).some((ancestor) => ancestor.code === city.code)
        expect(tree.contains(city.code, region.code), `${city.code} ∋ ${region.code}`).toBe(walked)
      }
    }
  })

  it('gives the code prefix of a subtree, for SQL', () => {
    expect([tree.subtreePrefix('510000'), tree.subtreePrefix('510100'), tree.subtreePrefix('510104')]).toEqual(['51', '5101', '510104'])
  })
})
