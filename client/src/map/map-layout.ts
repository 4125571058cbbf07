// A map's layout in its box: the projection's fit around the panel's corner box and the legend,
// and the names' size and places. Cached per map and size: a rotating wall shows the same map
// again every few seconds. No DOM here.
import { type Box, type Corner, type Fit, type MapShape, type PlacedLabel, type Rect, clearCorner, cornerRect, coversAnyRegion, fitOf, layoutShapes, placeLabels } from './geometry'
import type { RegionFeature } from './api'

/**
 * Label sizes, largest first. Where every region is named (a province's cities), a smaller size
 * is taken when the larger one pushes a name away from its region: long English names would
 * otherwise stand by other cities.
 */
const LABEL_FONTS = [20, 18, 16, 14] as const
/** how far a name may stand from its region's centre, in font sizes */
const MAX_LABEL_SHIFT = 2
/**
 * How far outside its region's outline box a name may stand, in font sizes: two of its heights
 * (a label's box is 1.5 font sizes tall, as placeLabels takes it); farther, it reads as another region's.
 */
const MAX_LABEL_DISTANCE = 3
const PADDING = 24
const OVERLAY_MARGIN = 12
/** The top right corner holds the region's totals (MapPanel's corner). */
const OVERLAY_CORNERS: readonly Corner[] = ['bottom-right', 'bottom-left', 'top-left']
/** where MapPanel puts its corner box: 12px from the top, 16px from the right */
const CORNER_INSET = { top: 12, right: 16 }

export interface MapLayout {
  shapes: MapShape[]
  labels: PlacedLabel[]
  labelFont: number
  overlay: Rect
}

/** Per map, by size, language and named region. */
const layouts = new WeakMap<RegionFeature[], Map<string, MapLayout>>()

interface Size {
  width: number
  height: number
}

export interface LayoutRequest {
  width: number
  height: number
  /** the legend's box, placed in a corner where it covers no region */
  overlay: Size
  /** the box the panel holds in the top right corner; the map keeps clear of it */
  corner: Size
  everyRegion: boolean
  /** the region named whatever its size */
  named: string | null
  locale: string
}

/** Halvings of the search for the largest map that fits: within 1% of it. */
const SHRINK_STEPS = 7

/** The box shrunk towards its bottom left as little as lets the map fit. */
function shrunkToFit(box: Box, fits: (option: Box) => boolean): Box {
  const shrunk = (kept: number): Box => ({ ...box, reserveTop: (1 - kept) * (box.height - 2 * PADDING), reserveRight: (1 - kept) * (box.width - 2 * PADDING) })
  let fitting = 0
  let tooLarge = 1
  for (let step = 0; step < SHRINK_STEPS; step++) {
    const kept = (fitting + tooLarge) / 2
    if (fits(shrunk(kept))) fitting = kept
    else tooLarge = kept
  }
  return shrunk(fitting)
}

/**
 * Where a map's regions, names and legend go in a box of `width`×`height`: the largest map that
 * keeps clear of the panel's corner box and leaves the legend a corner, and labels by `labelOf`.
 */
export function mapLayout(features: RegionFeature[], { width, height, overlay, corner: held, everyRegion, named, locale }: LayoutRequest, labelOf: (shape: MapShape) => string): MapLayout {
  let bySize = layouts.get(features)
  if (bySize === undefined) layouts.set(features, (bySize = new Map()))
  // Labels are placed by their width, so per language too.
  const key = `${width}x${height}|${overlay.width}x${overlay.height}|${held.width}x${held.height}|${everyRegion}|${named}|${locale}`
  let layout = bySize.get(key)
  if (layout === undefined) {
    const bounds = { width, height }
    const heldRect = { left: width - CORNER_INSET.right - held.width, right: width - CORNER_INSET.right, top: CORNER_INSET.top, bottom: CORNER_INSET.top + held.height }
    const box: Box = { width, height, padding: PADDING }
    const legendColumn = { reserveLeft: overlay.width + OVERLAY_MARGIN }
    // A map fits when the corner box covers none of it and the legend has a corner to itself
    // (or a column of its own, `legendColumn`). Judged without drawing the map.
    const legendCornerOf = (option: Box, fit: Fit): Corner | null =>
      overlay.width === 0 ? 'bottom-right' : option.reserveLeft !== undefined ? 'bottom-left' : clearCorner((rect) => coversAnyRegion(features, fit, rect), OVERLAY_CORNERS, overlay, bounds, OVERLAY_MARGIN)
    const fits = (option: Box) => {
      const fit = fitOf(features, option)
      return (held.width === 0 || !coversAnyRegion(features, fit, heldRect)) && legendCornerOf(option, fit) !== null
    }
    // The whole box, if it fits (nothing is larger); else the largest of: a band at the top or a
    // column at the right left to the corner box, each also with the legend's column, and the map
    // shrunk towards the bottom left as little as fits.
    const reserved: Box[] = [box, { ...box, reserveTop: heldRect.bottom + OVERLAY_MARGIN - PADDING }, { ...box, reserveRight: width - heldRect.left + OVERLAY_MARGIN - PADDING }]
    const options = fits(box) ? [box] : [...reserved.slice(1), ...reserved.map((option) => ({ ...option, ...legendColumn })), shrunkToFit(box, fits)].filter(fits)
    // None fits (a legend taller than the panel): the column for the legend, as before the corner box was known.
    const chosen = options.reduce<Box | null>((best, next) => (best === null || fitOf(features, next).scale > fitOf(features, best).scale ? next : best), null) ?? { ...box, ...legendColumn }
    const shapes = layoutShapes(features, chosen)
    const corner = legendCornerOf(chosen, fitOf(features, chosen)) ?? 'bottom-left'
    const overlayRect = cornerRect(corner, overlay, bounds, OVERLAY_MARGIN)
    const obstacles = [...(overlay.width > 0 ? [overlayRect] : []), ...(held.width > 0 ? [heldRect] : [])]
    const anchors = new Map(shapes.map((shape) => [shape.code, shape]))
    const placings = (everyRegion ? LABEL_FONTS : LABEL_FONTS.slice(0, 1)).map((labelFont) => {
      const labels = placeLabels(shapes, { fontSize: labelFont, minAreaRatio: 0.6, everyRegion, named }, bounds, obstacles, labelOf)
      const shifts = labels.map((label) => Math.hypot(label.x - anchors.get(label.code)!.labelX, label.y - anchors.get(label.code)!.labelY) / labelFont)
      return { labelFont, labels, shift: Math.max(0, ...shifts) }
    })
    // No size keeps every name near its region's centre: the one that comes closest, without the
    // names that would still read as another region's (a map too small for all of them).
    const closest = placings.reduce((best, next) => (next.shift < best.shift ? next : best))
    const { labelFont, labels } = placings.find((placing) => placing.shift <= MAX_LABEL_SHIFT) ?? {
      labelFont: closest.labelFont,
      labels: closest.labels.filter((label) => distanceFromOutlineBox(anchors.get(label.code)!, label) <= MAX_LABEL_DISTANCE * closest.labelFont),
    }
    layout = { shapes, labels, labelFont, overlay: overlayRect }
    bySize.set(key, layout)
  }
  return layout
}

/** How far a point lies outside the box around a shape's outline; 0 inside it. */
function distanceFromOutlineBox(shape: MapShape, { x, y }: { x: number; y: number }): number {
  const points = shape.rings.flat()
  const [left, right] = [Math.min(...points.map(([px]) => px)), Math.max(...points.map(([px]) => px))]
  const [top, bottom] = [Math.min(...points.map(([, py]) => py)), Math.max(...points.map(([, py]) => py))]
  return Math.hypot(Math.max(left - x, 0, x - right), Math.max(top - y, 0, y - bottom))
}
