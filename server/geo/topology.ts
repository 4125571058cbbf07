// Region outlines as TopoJSON for the wall: shared borders stored once, detail
// thinned to what a 1920×1080 screen can show, every region kept.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { GeometryObject, Objects, Topology } from 'topojson-specification'
import { quantize } from 'topojson-client'
import { topology } from 'topojson-server'
import { filter, filterWeight, presimplify, simplify } from 'topojson-simplify'
import { GEO_TOPOLOGY_OBJECT, type RegionFeatureProperties } from '../../shared/api'
import { signedRingArea } from './winding'

/** Pixels across the wall; the map fills at most this many. */
const WALL_WIDTH_PIXELS = 1920
/** Triangles (Visvalingam weight) smaller than this many square pixels are removed. */
const MIN_TRIANGLE_PIXELS = 1
const QUANTIZATION = 1e5
/** A ring needs three distinct points to enclose anything. */
const MIN_RING_POINTS = 3

export function toRegionTopology(features: readonly Feature<Polygon | MultiPolygon, RegionFeatureProperties>[]): Topology {
  const collection: FeatureCollection = { type: 'FeatureCollection', features: [...features] }
  // topojson-simplify's types want properties typed `{}`, topojson-server's allow null.
  const full = topology({ [GEO_TOPOLOGY_OBJECT]: collection }, QUANTIZATION) as Topology<Objects>
  const weighted = presimplify(full)
  const minWeight = minWeightFor(weighted)
  const keptRings = keepMainRings(weighted, minWeight)
  const simplified = simplify(weighted, minWeight)
  const isLargeEnough = filterWeight(simplified, minWeight)
  // The filter is handed the ring's arc indexes (typed as coordinates), the same
  // arrays keepMainRings collected.
  const filtered = filter(simplified, (ring, interior) => keptRings.has(ring) || isLargeEnough(ring, interior))
  return quantize(filtered, QUANTIZATION)
}

// Relative to the map's extent, so a province and a single city simplify alike
// once scaled to the wall.
function minWeightFor(weighted: Topology<Objects>): number {
  const [x0, y0, x1, y1] = weighted.bbox ?? [0, 0, 0, 0]
  const unitsPerPixel = Math.max(x1 - x0, y1 - y0) / WALL_WIDTH_PIXELS
  return MIN_TRIANGLE_PIXELS * unitsPerPixel * unitsPerPixel
}

/**
 * Promotes points of each feature's largest exterior ring so that simplification
 * leaves it a triangle at least — a region too small to see must still be there to
 * hover and colour. Returns those rings, which the ring filter must keep.
 */
function keepMainRings(weighted: Topology<Objects>, minWeight: number): ReadonlySet<object> {
  const kept = new Set<object>()
  for (const geometry of geometriesOf(weighted)) {
    const exteriors = geometry.type === 'Polygon' ? [geometry.arcs[0]] : geometry.type === 'MultiPolygon' ? geometry.arcs.map((polygon) => polygon[0]) : []
    const candidates = exteriors.filter((ring): ring is number[] => ring !== undefined)
    const main = largestRing(weighted, candidates)
    if (!main) continue
    kept.add(main)
    promotePoints(weighted, main, minWeight)
  }
  return kept
}

function geometriesOf(weighted: Topology<Objects>): GeometryObject[] {
  const collection = weighted.objects[GEO_TOPOLOGY_OBJECT]
  return collection?.type === 'GeometryCollection' ? collection.geometries : []
}

function largestRing(weighted: Topology<Objects>, rings: number[][]): number[] | undefined {
  let largest: number[] | undefined
  let largestArea = -1
  for (const ring of rings) {
    const area = Math.abs(signedRingArea(ringPoints(weighted, ring)))
    if (area > largestArea) {
      largest = ring
      largestArea = area
    }
  }
  return largest
}

/** The ring's points in order; arcs share their end points, so each is listed once. */
function ringPoints(weighted: Topology<Objects>, ring: number[]): number[][] {
  return ring.flatMap((arcIndex) => {
    const arc = weighted.arcs[arcIndex < 0 ? ~arcIndex : arcIndex] ?? []
    return (arcIndex < 0 ? [...arc].reverse() : arc).slice(1)
  })
}

// After presimplify a point is [x, y, weight]; simplify keeps weight >= minWeight.
function promotePoints(weighted: Topology<Objects>, ring: number[], minWeight: number): void {
  const points = ringPoints(weighted, ring)
  const surviving = new Set(points.filter((point) => point[2]! >= minWeight).map((point) => `${point[0]},${point[1]}`))
  const candidates = points.filter((point) => point[2]! < minWeight).sort((a, b) => b[2]! - a[2]!)
  for (const point of candidates) {
    if (surviving.size >= MIN_RING_POINTS) break
    const key = `${point[0]},${point[1]}`
    if (surviving.has(key)) continue
    point[2] = Infinity
    surviving.add(key)
  }
}
