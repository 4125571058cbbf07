// Ring orientation for d3-geo, which reads winding on the sphere: an exterior ring
// must run clockwise (as seen on a north-up map), otherwise d3 fills the rest of the
// globe instead of the region. This is the opposite of the RFC 7946 recommendation.
import type { MultiPolygon, Polygon, Position } from 'geojson'

/** Planar signed area (x east, y north): positive for anticlockwise rings. */
export function signedRingArea(ring: readonly Position[]): number {
  let twiceArea = 0
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i]!
    const next = ring[(i + 1) % ring.length]!
    twiceArea += current[0]! * next[1]! - next[0]! * current[1]!
  }
  return twiceArea / 2
}

/**
 * Exterior rings clockwise, holes anticlockwise. Rings without area are dropped:
 * they have no orientation, and d3 may read one as a ring around the whole globe.
 * Returns null when nothing with area is left. Never mutates its input.
 */
export function rewindForD3(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  if (geometry.type === 'Polygon') {
    const polygon = rewindPolygon(geometry.coordinates)
    return polygon ? { type: 'Polygon', coordinates: polygon } : null
  }
  const polygons = geometry.coordinates.map(rewindPolygon).filter((polygon) => polygon !== null)
  return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null
}

function rewindPolygon(rings: readonly Position[][]): Position[][] | null {
  const [exterior, ...holes] = rings
  if (!exterior || !hasArea(exterior)) return null
  return [orient(exterior, 'clockwise'), ...holes.filter(hasArea).map((hole) => orient(hole, 'anticlockwise'))]
}

function hasArea(ring: readonly Position[]): boolean {
  return ring.length >= 4 && signedRingArea(ring) !== 0
}

function orient(ring: readonly Position[], direction: 'clockwise' | 'anticlockwise'): Position[] {
  const isClockwise = signedRingArea(ring) < 0
  return isClockwise === (direction === 'clockwise') ? ring.slice() : ring.slice().reverse()
}
