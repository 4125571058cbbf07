import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { geoArea } from 'd3-geo'
import { describe, expect, it } from 'vitest'
import {
  decodeEchartsGeoJson,
  ECHARTS_PROVINCE_FILES,
  type EchartsGeoJson,
  loadCityShapes,
  matchRegionByName,
  readEchartsProvinceMap,
} from '../../../server/geo/echarts-province-map'
import { SICHUAN_CODE, sichuanCities } from './sichuan-cities'

const require = createRequire(import.meta.url)

function rawProvinceMap(fileName: string): EchartsGeoJson {
  return JSON.parse(readFileSync(require.resolve(`echarts/map/json/province/${fileName}.json`), 'utf8')) as EchartsGeoJson
}

describe('decodeEchartsGeoJson', () => {
  it('decodes Polygon and MultiPolygon rings exactly as echarts does', () => {
    const raw = rawProvinceMap('sichuan')
    expect(new Set(raw.features.map((feature) => feature.geometry.type))).toEqual(new Set(['Polygon', 'MultiPolygon']))
    // echarts' own decoder rewrites its argument in place.
    const decodedByEcharts = structuredClone(raw)
    const parseGeoJson = require('echarts/lib/coord/geo/parseGeoJson') as (json: unknown) => unknown
    parseGeoJson(decodedByEcharts)

    const decoded = decodeEchartsGeoJson(raw)
    expect(decoded.features.map((feature) => feature.geometry.coordinates)).toEqual(
      decodedByEcharts.features.map((feature) => feature.geometry.coordinates),
    )
  })

  it('does not mutate its input', () => {
    const raw = rawProvinceMap('sichuan')
    const copy = structuredClone(raw)
    decodeEchartsGeoJson(raw)
    expect(raw).toEqual(copy)
  })

  it('honours UTF8Scale', () => {
    const encoded: EchartsGeoJson = {
      UTF8Encoding: true,
      UTF8Scale: 10,
      // '@@' is the offset itself; 'B@' is +1 in x, '@B' is +1 in y, 'A@' is -1 in x
      features: [{ properties: { name: 'square' }, geometry: { type: 'Polygon', coordinates: ['@@B@@BA@'], encodeOffsets: [[1000, 300]] } }],
    }
    expect(decodeEchartsGeoJson(encoded).features[0]!.geometry.coordinates).toEqual([
      [[100, 30], [100.1, 30], [100.1, 30.1], [100, 30.1]],
    ])
  })

  it('passes a file that is not encoded through as is', () => {
    const raw = rawProvinceMap('xizang')
    expect(raw.UTF8Encoding).toBe(false)
    expect(decodeEchartsGeoJson(raw)).toBe(raw)
  })
})

describe('ECHARTS_PROVINCE_FILES', () => {
  // One name each file must hold, to tell look-alike file names apart.
  const expectedFeature: Record<string, string> = {
    '110000': '东城区', '120000': '和平区', '130000': '石家庄市', '140000': '太原市', '150000': '呼和浩特市',
    '210000': '沈阳市', '220000': '长春市', '230000': '哈尔滨市', '310000': '黄浦区', '320000': '南京市',
    '330000': '杭州市', '340000': '合肥市', '350000': '福州市', '360000': '南昌市', '370000': '济南市',
    '410000': '郑州市', '420000': '武汉市', '430000': '长沙市', '440000': '广州市', '450000': '南宁市',
    '460000': '海口市', '500000': '渝中区', '510000': '成都市', '520000': '贵阳市', '530000': '昆明市',
    '540000': '拉萨市', '610000': '西安市', '620000': '兰州市', '630000': '西宁市', '640000': '银川市',
    '650000': '乌鲁木齐市', '710000': '台北市', '810000': '中西区', '820000': '大堂区',
  }

  it('covers all 34 province-level divisions', () => {
    expect(Object.keys(ECHARTS_PROVINCE_FILES).sort()).toEqual(Object.keys(expectedFeature).sort())
  })

  it.each(Object.entries(expectedFeature))('maps %s to the file holding %s', (code, featureName) => {
    const names = readEchartsProvinceMap(code).features.map((feature) => feature.properties.name)
    expect(names).toContain(featureName)
  })

  it('tells 山西 (shanxi.json) from 陕西 (shanxi1.json)', () => {
    expect(ECHARTS_PROVINCE_FILES['140000']).toBe('shanxi')
    expect(ECHARTS_PROVINCE_FILES['610000']).toBe('shanxi1')
  })
})

describe('loadCityShapes', () => {
  it('matches all 21 Sichuan cities, in the order given', () => {
    const cities = sichuanCities()
    expect(cities).toHaveLength(21)
    const { features, unmatched } = loadCityShapes(SICHUAN_CODE, cities)
    expect(unmatched).toEqual([])
    expect(features.map((feature) => feature.properties)).toEqual(cities.map((city) => ({ ...city, schematic: false })))
  })

  it('winds every city for d3, so none covers the globe', () => {
    for (const feature of loadCityShapes(SICHUAN_CODE, sichuanCities()).features) {
      const area = geoArea(feature)
      expect(area, feature.properties.name).toBeGreaterThan(0)
      expect(area, feature.properties.name).toBeLessThan(0.01)
    }
  })

  it('names each feature it cannot match instead of dropping it', () => {
    const withoutChengdu = sichuanCities().filter((city) => city.code !== '510100')
    const { features, unmatched } = loadCityShapes(SICHUAN_CODE, withoutChengdu)
    expect(features).toHaveLength(20)
    expect(unmatched).toEqual(['成都市'])
  })

  it('tolerates renamed suffixes and joins features that name the same city', () => {
    const tibet = [
      { code: '540100', name: '拉萨市' }, { code: '540200', name: '日喀则市' }, { code: '540300', name: '昌都市' },
      { code: '540400', name: '林芝市' }, { code: '540500', name: '山南市' }, { code: '540600', name: '那曲市' },
      { code: '542500', name: '阿里地区' },
    ]
    const { features, unmatched } = loadCityShapes('540000', tibet)
    expect(unmatched).toEqual([])
    expect(features.map((feature) => feature.properties.code)).toEqual(tibet.map((city) => city.code))
  })

  it('rejects unknown provinces and duplicate cities', () => {
    expect(() => loadCityShapes('990000', [])).toThrow(/no echarts province map/)
    expect(() => loadCityShapes(SICHUAN_CODE, [{ code: '510100', name: '成都市' }, { code: '510100', name: '成都' }])).toThrow(/twice/)
  })
})

describe('matchRegionByName', () => {
  const cities = [
    { code: '513200', name: '阿坝州' },
    { code: '513300', name: '甘孜藏族自治州' },
    { code: '542500', name: '阿里地区' },
    { code: '540600', name: '那曲市' },
  ]

  it('prefers the exact name', () => {
    expect(matchRegionByName('甘孜藏族自治州', cities)?.code).toBe('513300')
  })

  it('accepts shortened autonomous-prefecture names and changed suffixes', () => {
    expect(matchRegionByName('阿坝藏族羌族自治州', cities)?.code).toBe('513200')
    expect(matchRegionByName('甘孜州', cities)?.code).toBe('513300')
    expect(matchRegionByName('那曲地区', cities)?.code).toBe('540600')
  })

  it('refuses ambiguous and unrelated names', () => {
    expect(matchRegionByName('阿市', cities)).toBeUndefined()
    expect(matchRegionByName('成都市', cities)).toBeUndefined()
    expect(matchRegionByName('阿里', [...cities, { code: '999900', name: '阿里山市' }])).toBeUndefined()
  })
})
