import { geoArea } from 'd3-geo'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { rewindForD3, signedRingArea } from '../../../server/geo/winding'

const anticlockwiseSquare: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
const clockwiseSquare: Position[] = [...anticlockwiseSquare].reverse()
const anticlockwiseHole: Position[] = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.6], [0.4, 0.4]]
const clockwiseHole: Position[] = [...anticlockwiseHole].reverse()
const segment: Position[] = [[0, 0], [1, 0], [0, 0], [0, 0]]

describe('signedRingArea', () => {
  it('is positive for anticlockwise rings and negative for clockwise ones', () => {
    expect(signedRingArea(anticlockwiseSquare)).toBe(1)
    expect(signedRingArea(clockwiseSquare)).toBe(-1)
  })
})

describe('rewindForD3', () => {
  it('winds exteriors clockwise and holes anticlockwise', () => {
    const rewound = rewindForD3({ type: 'Polygon', coordinates: [anticlockwiseSquare, clockwiseHole] }) as Polygon
    expect(signedRingArea(rewound.coordinates[0]!)).toBeLessThan(0)
    expect(signedRingArea(rewound.coordinates[1]!)).toBeGreaterThan(0)
  })

  it('gives shapes d3 reads as small, not as the rest of the globe', () => {
    const wrong: Polygon = { type: 'Polygon', coordinates: [anticlockwiseSquare] }
    expect(geoArea(wrong)).toBeGreaterThan(12)
    expect(geoArea(rewindForD3(wrong)!)).toBeLessThan(0.001)
  })

  it('leaves correctly wound rings alone', () => {
    const input: Polygon = { type: 'Polygon', coordinates: [clockwiseSquare, anticlockwiseHole] }
    expect(rewindForD3(input)).toEqual(input)
  })

  it('does not mutate its input', () => {
    const input: Polygon = { type: 'Polygon', coordinates: [anticlockwiseSquare, clockwiseHole] }
    const copy = structuredClone(input)
    rewindForD3(input)
    expect(input).toEqual(copy)
  })

  it('drops rings and polygons without area', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[segment], [clockwiseSquare, segment]] }
    expect(rewindForD3(multi)).toEqual({ type: 'MultiPolygon', coordinates: [[clockwiseSquare]] })
    expect(rewindForD3({ type: 'Polygon', coordinates: [segment] })).toBeNull()
    expect(rewindForD3({ type: 'MultiPolygon', coordinates: [] })).toBeNull()
  })
})
