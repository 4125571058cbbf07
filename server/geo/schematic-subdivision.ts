// Stand-in shapes for a region's children when no surveyed boundaries exist, so the
// wall can still drill down. The pieces are honest about size (area follows weight)
// and nothing else; features are flagged `schematic` so the client can say so.
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import polygonClipping, { type MultiPolygon as PlanarMultiPolygon, type Pair, type Ring } from 'polygon-clipping'
import type { RegionFeatureProperties } from '../../shared/api'
import { rewindForD3, signedRingArea } from './winding'

export interface SchematicPart {
  code: string
  name: string
  /** positive; the piece's share of the parent's area follows its share of the total weight */
  weight: number
}

type Axis = 0 | 1

interface Bounds {
  min: Pair
  max: Pair
}

/**
 * Recursive bisection: parts sorted by code are split into two weight-balanced
 * halves, the shape is cut by a straight line across its longer extent where the
 * area fraction matches the weight fraction, and each side recurses.
 */
export function subdivideSchematically(
  parent: Feature<Polygon | MultiPolygon>,
  parts: readonly SchematicPart[],
): Feature<Polygon | MultiPolygon, RegionFeatureProperties>[] {
  assertValidParts(parts)
  const sorted = [...parts].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  if (sorted.length === 1) return [schematicFeature(sorted[0]!, parent.geometry)]

  const parentPolygons = parent.geometry.type === 'Polygon' ? [parent.geometry.coordinates] : parent.geometry.coordinates
  // Union with nothing else resolves self-overlaps and drops slivers, so that the
  // area measured while searching a cut equals the area polygon-clipping cuts out.
  const shape = polygonClipping.union(parentPolygons.map((rings) => rings.map((ring) => ring.map(toPair))))
  const bounds = boundsOf(shape)
  // Cuts are axis-aligned, so this scale only matters when choosing the longer side:
  // a degree of longitude is shorter than a degree of latitude on the map.
  const longitudeScale = Math.cos((((bounds.min[1] + bounds.max[1]) / 2) * Math.PI) / 180)

  return bisect(shape, sorted, longitudeScale).map(({ part, piece }) =>
    schematicFeature(part, piece.length === 1 ? { type: 'Polygon', coordinates: piece[0]! } : { type: 'MultiPolygon', coordinates: piece }),
  )
}

function assertValidParts(parts: readonly SchematicPart[]): void {
  if (parts.length === 0) throw new Error('schematic subdivision needs at least one part')
  const codes = new Set<string>()
  for (const part of parts) {
    if (!(Number.isFinite(part.weight) && part.weight > 0)) {
      throw new Error(`part ${part.code} (${part.name}) has weight ${part.weight}; weights must be positive`)
    }
    if (codes.has(part.code)) throw new Error(`part ${part.code} is listed twice`)
    codes.add(part.code)
  }
}

function schematicFeature(part: SchematicPart, geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon, RegionFeatureProperties> {
  const wound = rewindForD3(geometry)
  if (!wound) throw new Error(`schematic piece for ${part.code} (${part.name}) has no area`)
  return { type: 'Feature', properties: { code: part.code, name: part.name, schematic: true }, geometry: wound }
}

function bisect(
  shape: PlanarMultiPolygon,
  parts: readonly SchematicPart[],
  longitudeScale: number,
): { part: SchematicPart; piece: PlanarMultiPolygon }[] {
  if (parts.length === 1) return [{ part: parts[0]!, piece: shape }]
  const splitIndex = balancedSplitIndex(parts)
  const lowParts = parts.slice(0, splitIndex)
  const highParts = parts.slice(splitIndex)
  const lowFraction = totalWeight(lowParts) / totalWeight(parts)

  const bounds = boundsOf(shape)
  const width = (bounds.max[0] - bounds.min[0]) * longitudeScale
  const height = bounds.max[1] - bounds.min[1]
  const axis: Axis = width >= height ? 0 : 1
  const cut = cutPosition(shape, bounds, axis, lowFraction)

  const [lowSide, highSide] = halfPlanes(bounds, axis, cut)
  return [
    ...bisect(polygonClipping.intersection(shape, lowSide), lowParts, longitudeScale),
    ...bisect(polygonClipping.intersection(shape, highSide), highParts, longitudeScale),
  ]
}

/** Index that splits `parts` into two halves of nearly equal weight, both non-empty. */
function balancedSplitIndex(parts: readonly SchematicPart[]): number {
  const half = totalWeight(parts) / 2
  let bestIndex = 1
  let bestImbalance = Infinity
  let prefix = 0
  for (let index = 1; index < parts.length; index++) {
    prefix += parts[index - 1]!.weight
    const imbalance = Math.abs(prefix - half)
    if (imbalance < bestImbalance) {
      bestIndex = index
      bestImbalance = imbalance
    }
  }
  return bestIndex
}

function totalWeight(parts: readonly SchematicPart[]): number {
  return parts.reduce((sum, part) => sum + part.weight, 0)
}

const CUT_SEARCH_STEPS = 60

/** Where a line across `axis` leaves `fraction` of the area on its low side. */
function cutPosition(shape: PlanarMultiPolygon, bounds: Bounds, axis: Axis, fraction: number): number {
  const target = fraction * areaBelow(shape, axis, Infinity)
  let low = bounds.min[axis]
  let high = bounds.max[axis]
  for (let step = 0; step < CUT_SEARCH_STEPS; step++) {
    const middle = (low + high) / 2
    if (areaBelow(shape, axis, middle) < target) low = middle
    else high = middle
  }
  return (low + high) / 2
}

function areaBelow(shape: PlanarMultiPolygon, axis: Axis, limit: number): number {
  let area = 0
  for (const [exterior, ...holes] of shape) {
    if (!exterior) continue
    area += Math.abs(signedRingArea(clipRingBelow(exterior, axis, limit)))
    for (const hole of holes) area -= Math.abs(signedRingArea(clipRingBelow(hole, axis, limit)))
  }
  return area
}

// Sutherland–Hodgman against one half-plane. For a concave ring the result may
// run back and forth along the cut line, which leaves its area exact.
function clipRingBelow(ring: Ring, axis: Axis, limit: number): Ring {
  const clipped: Ring = []
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index]!
    const previous = ring[(index + ring.length - 1) % ring.length]!
    const currentInside = current[axis] <= limit
    const previousInside = previous[axis] <= limit
    if (currentInside !== previousInside) clipped.push(crossing(previous, current, axis, limit))
    if (currentInside) clipped.push(current)
  }
  return clipped
}

function crossing(from: Pair, to: Pair, axis: Axis, limit: number): Pair {
  const t = (limit - from[axis]) / (to[axis] - from[axis])
  return [from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])]
}

/** Two rectangles covering `bounds`, sharing the edge at `cut`. */
function halfPlanes(bounds: Bounds, axis: Axis, cut: number): [PlanarMultiPolygon, PlanarMultiPolygon] {
  const margin = Math.max(bounds.max[0] - bounds.min[0], bounds.max[1] - bounds.min[1])
  const [x0, y0] = [bounds.min[0] - margin, bounds.min[1] - margin]
  const [x1, y1] = [bounds.max[0] + margin, bounds.max[1] + margin]
  return axis === 0
    ? [[rectangle(x0, y0, cut, y1)], [rectangle(cut, y0, x1, y1)]]
    : [[rectangle(x0, y0, x1, cut)], [rectangle(x0, cut, x1, y1)]]
}

function rectangle(x0: number, y0: number, x1: number, y1: number): Ring[] {
  return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]
}

function boundsOf(shape: PlanarMultiPolygon): Bounds {
  const min: Pair = [Infinity, Infinity]
  const max: Pair = [-Infinity, -Infinity]
  for (const polygon of shape) {
    for (const [x, y] of polygon[0] ?? []) {
      min[0] = Math.min(min[0], x)
      min[1] = Math.min(min[1], y)
      max[0] = Math.max(max[0], x)
      max[1] = Math.max(max[1], y)
    }
  }
  return { min, max }
}

function toPair(position: number[]): Pair {
  return [position[0]!, position[1]!]
}
