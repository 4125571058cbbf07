// Map math: projection, paths, label anchors and which labels fit. No DOM here.
import { geoPath } from 'd3-geo'
import type { Feature, Geometry, Polygon, Position } from 'geojson'
import type { RegionFeatureProperties } from '../../../shared/api'
import { chineseShortName } from '../i18n/short-names'

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
  /** the outline's rings in canvas pixels, to tell whether a box would cover the region */
  rings: [number, number][][]
}

export function isRegionFeatureProperties(value: unknown): value is RegionFeatureProperties {
  if (typeof value !== 'object' || value === null) return false
  const p = value as Record<string, unknown>
  return typeof p.code === 'string' && typeof p.name === 'string' && typeof p.schematic === 'boolean'
}

const RADIANS = Math.PI / 180

/** Mercator's plane (d3's geoMercator at scale 1, without its resampling, which a province's short edges do not need). */
const toMercator = ([longitude = 0, latitude = 0]: Position): Position => [longitude * RADIANS, Math.log(Math.tan(Math.PI / 4 + (latitude * RADIANS) / 2))]

function onPlane(geometry: Geometry): Geometry {
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(toMercator)) }
  if (geometry.type === 'MultiPolygon') return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(toMercator))) }
  return geometry // regions are polygons
}

/** A region on Mercator's plane, y northwards: what every layout of its map starts from. */
interface PlaneShape {
  properties: RegionFeatureProperties
  /** every ring of every part, without the closing point that repeats the first */
  rings: [number, number][][]
  area: number
  /** centroid of the largest part */
  label: [number, number]
}

interface Plane {
  shapes: PlaneShape[]
  /** [[west, south], [east, north]] */
  bounds: [[number, number], [number, number]]
}

/**
 * Each map's regions projected once, with their areas and label points: a layout then only
 * scales and moves the plane into its box. Projecting the sphere at every layout (d3's clipping
 * and resampling, a stream per figure) was most of a screen's first build.
 */
const planes = new WeakMap<readonly Feature[], Plane>()

function mercatorPlane(features: readonly Feature<Geometry, RegionFeatureProperties>[]): Plane {
  let plane = planes.get(features)
  if (plane === undefined) {
    const flat = geoPath() // no projection: areas and centroids on the plane
    const onPlaneFeatures = features.map((feature) => ({ ...feature, geometry: onPlane(feature.geometry) }))
    plane = {
      bounds: flat.bounds({ type: 'FeatureCollection', features: onPlaneFeatures }),
      shapes: onPlaneFeatures.map((feature) => ({
        properties: feature.properties,
        rings: ringsOf(feature.geometry),
        area: flat.area(feature),
        label: flat.centroid(largestPart(feature, flat.area)),
      })),
    }
    planes.set(features, plane)
  }
  return plane
}

function ringsOf(geometry: Geometry): [number, number][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : []
  return polygons.flatMap((polygon) => polygon.map((ring) => ring.slice(0, -1).map(([x = 0, y = 0]) => [x, y] as [number, number])))
}

export interface Box {
  width: number
  height: number
  padding: number
  /** a column kept free at the left, for what must not cover the map */
  reserveLeft?: number
  /** a band kept free at the top, and a column at the right, likewise */
  reserveTop?: number
  reserveRight?: number
}

/** Where a layout puts Mercator's plane in its box: canvas x = offsetX + scale × x, canvas y = offsetY − scale × y. */
export interface Fit {
  scale: number
  offsetX: number
  offsetY: number
}

/** As d3's fitExtent: the largest scale at which the map fits the box, centred in it. */
export function fitOf(features: readonly Feature<Geometry, RegionFeatureProperties>[], box: Box): Fit {
  const [[west, south], [east, north]] = mercatorPlane(features).bounds
  const left = box.padding + (box.reserveLeft ?? 0)
  const top = box.padding + (box.reserveTop ?? 0)
  const width = box.width - box.padding - (box.reserveRight ?? 0) - left
  const height = box.height - box.padding - top
  const scale = Math.min(width / (east - west), height / (north - south))
  return { scale, offsetX: left + (width - scale * (east - west)) / 2 - scale * west, offsetY: top + (height - scale * (north - south)) / 2 + scale * north }
}

/**
 * Whether a box on the canvas would cover any region of the map laid out by `fit`: judged on the
 * plane, the box taken there, so that a layout tried is not drawn.
 */
export function coversAnyRegion(features: readonly Feature<Geometry, RegionFeatureProperties>[], { scale, offsetX, offsetY }: Fit, rect: Rect): boolean {
  const onPlane = { left: (rect.left - offsetX) / scale, right: (rect.right - offsetX) / scale, top: (offsetY - rect.bottom) / scale, bottom: (offsetY - rect.top) / scale }
  return coversAnyShape(mercatorPlane(features).shapes, onPlane)
}

/** Fit all features into the box with a Mercator projection, north up, and draw each one. */
export function layoutShapes(features: readonly Feature<Geometry, RegionFeatureProperties>[], box: Box): MapShape[] {
  if (features.length === 0) return []
  const { shapes } = mercatorPlane(features)
  const { scale, offsetX, offsetY } = fitOf(features, box)
  const toCanvas = ([x, y]: [number, number]): [number, number] => [offsetX + scale * x, offsetY - scale * y]
  return shapes.map((shape) => {
    const rings = shape.rings.map((ring) => ring.map(toCanvas))
    const [labelX, labelY] = toCanvas(shape.label)
    return {
      code: shape.properties.code,
      name: shape.properties.name,
      schematic: shape.properties.schematic,
      d: rings.map((ring) => `M${ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`).join(''),
      area: shape.area * scale * scale,
      labelX: Number.isFinite(labelX) ? labelX : 0,
      labelY: Number.isFinite(labelY) ? labelY : 0,
      rings,
    }
  })
}

/** An axis-aligned box in canvas pixels. */
export interface Rect {
  left: number
  top: number
  right: number
  bottom: number
}

/** Whether the box covers any part of any shape: an outline crosses it, or it lies inside one. */
export function coversAnyShape(shapes: readonly Pick<MapShape, 'rings'>[], rect: Rect): boolean {
  const centre: [number, number] = [(rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2]
  return shapes.some(
    (shape) =>
      shape.rings.some((ring) => ring.some((point, index) => index > 0 && segmentMeetsRect(ring[index - 1]!, point, rect))) ||
      insideRings(shape.rings, centre),
  )
}

// Liang–Barsky: clip the segment to the box and see whether anything is left.
function segmentMeetsRect([x0, y0]: [number, number], [x1, y1]: [number, number], rect: Rect): boolean {
  // Most of an outline lies wholly to one side of the box: told at once.
  if ((x0 < rect.left && x1 < rect.left) || (x0 > rect.right && x1 > rect.right) || (y0 < rect.top && y1 < rect.top) || (y0 > rect.bottom && y1 > rect.bottom)) return false
  let t0 = 0
  let t1 = 1
  const dx = x1 - x0
  const dy = y1 - y0
  for (const [p, q] of [[-dx, x0 - rect.left], [dx, rect.right - x0], [-dy, y0 - rect.top], [dy, rect.bottom - y0]] as const) {
    if (p === 0) {
      if (q < 0) return false
    } else {
      const t = q / p
      if (p < 0) t0 = Math.max(t0, t)
      else t1 = Math.min(t1, t)
      if (t0 > t1) return false
    }
  }
  return true
}

// Even–odd over all rings, so holes count as outside.
function insideRings(rings: readonly [number, number][][], [x, y]: [number, number]): boolean {
  let inside = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

export type Corner = 'bottom-right' | 'bottom-left' | 'top-left'

/** Where a box of `size` sits in each corner, `margin` from the edges. */
export function cornerRect(corner: Corner, size: { width: number; height: number }, bounds: { width: number; height: number }, margin: number): Rect {
  const left = corner === 'bottom-right' ? bounds.width - margin - size.width : margin
  const top = corner === 'top-left' ? margin : bounds.height - margin - size.height
  return { left, top, right: left + size.width, bottom: top + size.height }
}

/** The first corner (in the order given) where the box covers no region, if any. */
export function clearCorner(covers: (rect: Rect) => boolean, corners: readonly Corner[], size: { width: number; height: number }, bounds: { width: number; height: number }, margin: number): Corner | null {
  return corners.find((corner) => !covers(cornerRect(corner, size, bounds, margin))) ?? null
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
  /**
   * Name every region (a province's cities): none is skipped for size, and a label that
   * would overlap another moves to the nearest free spot around its region's anchor.
   */
  everyRegion?: boolean
  /** the region the screen is about: named first and whatever its size, beside it if it is too small to hold its name */
  named?: string | null
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
  text: string
}

/**
 * Which names to print and where. Biggest regions first, skipping any region too small
 * for its name and any label that would overlap one already placed or an obstacle; with
 * `everyRegion`, smallest first (they have the least room) and moved rather than skipped.
 */
export function placeLabels(
  shapes: MapShape[],
  style: LabelStyle,
  bounds: { width: number; height: number },
  obstacles: readonly Rect[] = [],
  labelOf: (shape: MapShape) => string = (shape) => labelText(shape.name, style),
): PlacedLabel[] {
  // CJK glyph boxes as the browser measures them are about one and a half times the font size tall.
  const height = style.fontSize * 1.5
  const taken: Rect[] = [...obstacles]
  const placed: PlacedLabel[] = []
  const order = [...shapes].sort((a, b) => Number(b.code === style.named) - Number(a.code === style.named) || (style.everyRegion ? a.area - b.area : b.area - a.area))
  for (const shape of order) {
    const text = labelOf(shape)
    const width = labelWidth(text, style.fontSize) + style.fontSize * 0.4
    const named = style.everyRegion === true || shape.code === style.named
    if (!named && shape.area < width * height * style.minAreaRatio) continue
    const candidates = named ? labelOffsets(style.fontSize) : [[0, 0] as const]
    for (const [dx, dy] of candidates) {
      const x = clamp(shape.labelX + dx, width / 2, bounds.width - width / 2)
      const y = clamp(shape.labelY + dy, height / 2, bounds.height - height / 2)
      const box = { left: x - width / 2, right: x + width / 2, top: y - height / 2, bottom: y + height / 2 }
      if (taken.some((other) => box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom)) continue
      taken.push(box)
      placed.push({ code: shape.code, x, y, text })
      break
    }
  }
  return placed
}

/**
 * A province map names cities the way Chinese maps do: 成都 for 成都市, 阿坝州 for
 * 阿坝藏族羌族自治州; the full name stays the region's accessible name.
 */
export function labelText(name: string, style: Pick<LabelStyle, 'everyRegion'>): string {
  if (!style.everyRegion) return name
  const short = chineseShortName(name)
  if (short !== name) return short
  return /^.{2,}市$/.test(name) ? name.slice(0, -1) : name
}

/** Spots around the anchor, nearest first: rings of eight, half a line apart. */
function labelOffsets(fontSize: number): (readonly [number, number])[] {
  const offsets: (readonly [number, number])[] = [[0, 0]]
  const step = fontSize * 0.6
  for (let ring = 1; ring <= 12; ring++) {
    for (let k = 0; k < 16; k++) {
      const angle = (k / 16) * 2 * Math.PI
      offsets.push([Math.cos(angle) * ring * step * 1.6, Math.sin(angle) * ring * step])
    }
  }
  return offsets
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}
