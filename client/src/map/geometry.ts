// Map math: projection, paths, label anchors and which labels fit. No DOM here.
import { geoArea, geoMercator, geoPath } from 'd3-geo'
import type { Feature, Geometry, Polygon, Position } from 'geojson'
import type { RegionFeatureProperties } from '../../../shared/api'

export interface MapShape {
  code: string
  name: string
  schematic: boolean
  /** SVG path data in canvas pixels */
  d: string
  /** projected area in px² */
  area: number
  /** label anchor: centroid of the largest part, in canvas pixels */
  labelX: number
  labelY: number
}

export function isRegionFeatureProperties(value: unknown): value is RegionFeatureProperties {
  if (typeof value !== 'object' || value === null) return false
  const p = value as Record<string, unknown>
  return typeof p.code === 'string' && typeof p.name === 'string' && typeof p.schematic === 'boolean'
}

function reversed(rings: Position[][]): Position[][] {
  return rings.map((ring) => [...ring].reverse())
}

/**
 * d3-geo wants exterior rings clockwise; GeoJSON (RFC 7946) writes them counter-clockwise.
 * d3 reads a ring of the wrong sense as "the whole globe minus this shape", so any part
 * that covers more than a hemisphere is turned around.
 */
export function rewindForD3<G extends Geometry, P>(f: Feature<G, P>): Feature<G, P> {
  const g = f.geometry
  const tooBig = (coordinates: Position[][]) =>
    geoArea({ type: 'Polygon', coordinates } satisfies Polygon) > 2 * Math.PI
  if (g.type === 'Polygon') {
    return tooBig(g.coordinates) ? { ...f, geometry: { ...g, coordinates: reversed(g.coordinates) } } : f
  }
  if (g.type === 'MultiPolygon') {
    const coordinates = g.coordinates.map((polygon) => (tooBig(polygon) ? reversed(polygon) : polygon))
    return { ...f, geometry: { ...g, coordinates } }
  }
  return f
}

export interface Box {
  width: number
  height: number
  padding: number
}

/** Fit all features into the box with a Mercator projection and draw each one. */
export function layoutShapes(features: Feature<Geometry, RegionFeatureProperties>[], box: Box): MapShape[] {
  if (features.length === 0) return []
  const wound = features.map(rewindForD3)
  const projection = geoMercator().fitExtent(
    [
      [box.padding, box.padding],
      [box.width - box.padding, box.height - box.padding],
    ],
    { type: 'FeatureCollection', features: wound },
  )
  const path = geoPath(projection)
  return wound.map((f) => {
    const [labelX, labelY] = path.centroid(largestPart(f, path.area))
    return {
      code: f.properties.code,
      name: f.properties.name,
      schematic: f.properties.schematic,
      d: path(f) ?? '',
      area: path.area(f),
      labelX: Number.isFinite(labelX) ? labelX : 0,
      labelY: Number.isFinite(labelY) ? labelY : 0,
    }
  })
}

/** Islands and enclaves pull a multipolygon's centroid off the land; label the biggest part. */
function largestPart(f: Feature, area: (object: Polygon) => number): Feature | Polygon {
  if (f.geometry.type !== 'MultiPolygon') return f
  let best: Polygon | null = null
  let bestArea = -1
  for (const coordinates of f.geometry.coordinates) {
    const polygon: Polygon = { type: 'Polygon', coordinates }
    const a = area(polygon)
    if (a > bestArea) {
      best = polygon
      bestArea = a
    }
  }
  return best ?? f
}

export interface LabelStyle {
  fontSize: number
  /** hide a label when its region is smaller than this share of the label's own box */
  minAreaRatio: number
}

/** Rough width of a label: CJK glyphs are square, Latin ones about half as wide. */
export function labelWidth(text: string, fontSize: number): number {
  let width = 0
  for (const ch of text) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.58
  return width
}

export interface PlacedLabel {
  code: string
  x: number
  y: number
}

/**
 * Which names to print: biggest regions first, skipping any region too small for
 * its name and any label that would overlap one already placed.
 */
export function placeLabels(
  shapes: MapShape[],
  style: LabelStyle,
  bounds: { width: number; height: number },
  labelOf: (shape: MapShape) => string = (shape) => shape.name,
): PlacedLabel[] {
  const height = style.fontSize * 1.25
  const placed: { code: string; x: number; y: number; left: number; right: number; top: number; bottom: number }[] = []
  for (const shape of [...shapes].sort((a, b) => b.area - a.area)) {
    const width = labelWidth(labelOf(shape), style.fontSize) + style.fontSize * 0.4
    if (shape.area < width * height * style.minAreaRatio) continue
    const x = clamp(shape.labelX, width / 2, bounds.width - width / 2)
    const y = clamp(shape.labelY, height / 2, bounds.height - height / 2)
    const box = { left: x - width / 2, right: x + width / 2, top: y - height / 2, bottom: y + height / 2 }
    const overlaps = placed.some((p) => box.left < p.right && p.left < box.right && box.top < p.bottom && p.top < box.bottom)
    if (!overlaps) placed.push({ code: shape.code, x, y, ...box })
  }
  return placed.map(({ code, x, y }) => ({ code, x, y }))
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}
