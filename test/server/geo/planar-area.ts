// Planar area in square degrees: enough to compare pieces of one small region.
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { signedRingArea } from '../../../server/geo/winding'

export function planarArea(geometry: Polygon | MultiPolygon): number {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let area = 0
  for (const [exterior, ...holes] of polygons) {
    area += Math.abs(signedRingArea(exterior ?? []))
    for (const hole of holes) area -= Math.abs(signedRingArea(hole))
  }
  return area
}
