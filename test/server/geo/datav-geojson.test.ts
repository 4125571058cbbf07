import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type DatavFeature, parseCodeMappingCsv, parseDatavFile, resolveCodes } from '../../../server/geo/datav-geojson'
import { signedRingArea } from '../../../server/geo/winding'

const CHENGDU_FILE = '510100_full.json'
const chengduJson: unknown = JSON.parse(readFileSync(new URL(`./fixtures/${CHENGDU_FILE}`, import.meta.url), 'utf8'))

function square(x: number, y: number): { type: 'Polygon'; coordinates: number[][][] } {
  return { type: 'Polygon', coordinates: [[[x, y], [x, y + 0.1], [x + 0.1, y + 0.1], [x + 0.1, y], [x, y]]] }
}

function collection(...features: unknown[]): unknown {
  return { type: 'FeatureCollection', features }
}

describe('parseDatavFile', () => {
  const parsed = parseDatavFile(CHENGDU_FILE, chengduJson)

  it('reads code, name and parent of each polygonal feature', () => {
    expect(parsed.parentCode).toBe('510100')
    expect(parsed.features.map(({ sourceCode, name, parentCode }) => ({ sourceCode, name, parentCode }))).toEqual([
      { sourceCode: '510104', name: '锦江区', parentCode: '510100' },
      { sourceCode: '510105', name: '青羊区', parentCode: '510100' },
      { sourceCode: '513425', name: '会理县', parentCode: '510100' },
    ])
    expect(parsed.features[1]!.geometry.type).toBe('MultiPolygon')
  })

  it('reports every feature it skips, by index and name', () => {
    expect(parsed.problems).toEqual([
      `${CHENGDU_FILE} feature 3 (无码区): adcode undefined is not a six-digit region code`,
      `${CHENGDU_FILE} feature 4 (金牛区): has geometry "Point", expected Polygon or MultiPolygon`,
    ])
  })

  it('winds geometry for d3', () => {
    for (const feature of parsed.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
      for (const polygon of polygons) expect(signedRingArea(polygon[0]!)).toBeLessThan(0)
    }
  })

  it('accepts a parent written as a plain number', () => {
    const result = parseDatavFile('sichuan.json', collection({ type: 'Feature', properties: { adcode: 510100, name: '成都市', parent: 510000 }, geometry: square(104, 30) }))
    expect(result.parentCode).toBe('510000')
    expect(result.features[0]!.parentCode).toBe('510000')
    expect(result.problems).toEqual([])
  })

  it('falls back to the file name for the parent', () => {
    const result = parseDatavFile('data/513400_full.json', collection({ type: 'Feature', properties: { adcode: '513401', name: '西昌市' }, geometry: square(102, 27) }))
    expect(result.parentCode).toBe('513400')
    expect(result.features[0]!.parentCode).toBe('513400')
    expect(parseDatavFile('513400.json', collection()).parentCode).toBeNull()
  })

  it('reports parents that disagree with each other or with the file name', () => {
    const result = parseDatavFile(
      '510100_full.json',
      collection(
        { type: 'Feature', properties: { adcode: 510104, name: '锦江区', parent: { adcode: 510000 } }, geometry: square(104, 30) },
        { type: 'Feature', properties: { adcode: 510105, name: '青羊区', parent: { adcode: 510000 } }, geometry: square(104.1, 30) },
      ),
    )
    expect(result.parentCode).toBe('510000')
    expect(result.problems).toEqual(['510100_full.json: features name parent 510000 but the file name says 510100'])
    const mixed = parseDatavFile(
      'mixed.json',
      collection(
        { type: 'Feature', properties: { adcode: 510104, name: '锦江区', parent: 510100 }, geometry: square(104, 30) },
        { type: 'Feature', properties: { adcode: 513401, name: '西昌市', parent: 513400 }, geometry: square(102, 27) },
      ),
    )
    expect(mixed.parentCode).toBeNull()
    expect(mixed.problems).toEqual(['mixed.json: features name several parents: 510100, 513400'])
  })

  it('reports malformed features and files', () => {
    const result = parseDatavFile(
      'bad.json',
      collection(
        null,
        { type: 'Feature', properties: { adcode: '100000_JD', name: '' }, geometry: { type: 'MultiLineString', coordinates: [] } },
        { type: 'Feature', properties: { adcode: 510104, name: '锦江区', parent: { adcode: 'x' } }, geometry: { type: 'Polygon', coordinates: [[[104, 30], [104, 31]]] } },
        { type: 'Feature', properties: { adcode: 510105, name: '青羊区' }, geometry: { type: 'Polygon', coordinates: [[[104, 30], [105, 30], [104, 30], [104, 30]]] } },
      ),
    )
    expect(result.features).toEqual([])
    expect(result.problems).toEqual([
      'bad.json feature 0: has no properties',
      'bad.json feature 1: adcode "100000_JD" is not a six-digit region code; has no name; has geometry "MultiLineString", expected Polygon or MultiPolygon',
      'bad.json feature 2 (锦江区): parent "x" is not a six-digit region code; has malformed Polygon coordinates',
      'bad.json feature 3 (青羊区): Polygon encloses no area',
    ])
    expect(parseDatavFile('broken.json', [1, 2]).problems).toEqual(['broken.json: not a GeoJSON FeatureCollection'])
  })
})

describe('resolveCodes', () => {
  const features = parseDatavFile(CHENGDU_FILE, chengduJson).features

  it('maps retired codes to current ones and reports codes it does not know', () => {
    const known = new Set(['510104', '513402', '510100'])
    const { resolved, unknown } = resolveCodes(features, known, new Map([['513425', '513402']]))
    expect(resolved.map(({ code, sourceCode, name }) => ({ code, sourceCode, name }))).toEqual([
      { code: '510104', sourceCode: '510104', name: '锦江区' },
      { code: '513402', sourceCode: '513425', name: '会理县' },
    ])
    expect(unknown.map((feature) => feature.sourceCode)).toEqual(['510105'])
  })

  it('maps the parent code too', () => {
    const child: DatavFeature = { sourceCode: '420602', name: '襄城区', parentCode: '420600', geometry: square(112, 32) }
    const { resolved } = resolveCodes([child], new Set(['420602']), new Map([['420600', '420699']]))
    expect(resolved[0]!.parentCode).toBe('420699')
  })
})

describe('parseCodeMappingCsv', () => {
  it('reads pairs with or without a header, tolerating a BOM, CRLF and blank lines', () => {
    const expected = new Map([['513425', '513402'], ['510124', '510117']])
    expect(parseCodeMappingCsv('\uFEFFold_code,new_code\r\n513425,513402\r\n\r\n510124, 510117\r\n')).toEqual(expected)
    expect(parseCodeMappingCsv('513425,513402\n510124,510117')).toEqual(expected)
    expect(parseCodeMappingCsv('')).toEqual(new Map())
  })

  it('names the line of a bad row', () => {
    expect(() => parseCodeMappingCsv('old_code,new_code\n513425;513402')).toThrow('code mapping line 2: expected "old_code,new_code", got "513425;513402"')
    expect(() => parseCodeMappingCsv('513425,51340')).toThrow('code mapping line 1: "51340" is not a six-digit region code')
    expect(() => parseCodeMappingCsv('513425,513402\n\n513425,513401')).toThrow('code mapping line 3: 513425 is already mapped on line 1')
    expect(() => parseCodeMappingCsv('513425,513425')).toThrow('code mapping line 1: 513425 maps to itself')
    expect(() => parseCodeMappingCsv('513425,513402\nold_code,new_code')).toThrow('code mapping line 2: "old_code" is not a six-digit region code')
  })
})
