import type { Feature, Polygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import type { RegionFeatureProperties } from '../../../shared/api'
import { coversAnyShape, layoutShapes } from '../../../client/src/map/geometry'
import { mapLayout } from '../../../client/src/map/map-layout'

// A lon/lat rectangle, clockwise as d3 and the server write them.
function rectangle(code: string, west: number, south: number, east: number, north: number): Feature<Polygon, RegionFeatureProperties> {
  return {
    type: 'Feature',
    properties: { code, name: `区${code}`, schematic: false },
    geometry: { type: 'Polygon', coordinates: [[[west, south], [west, north], [east, north], [east, south], [west, south]]] },
  }
}

const request = { width: 800, height: 500, overlay: { width: 160, height: 150 }, corner: { width: 300, height: 70 }, everyRegion: true, named: null, locale: 'zh-CN' }
const cornerBox = { left: 800 - 16 - 300, right: 800 - 16, top: 12, bottom: 12 + 70 }

describe('mapLayout', () => {
  // A province wider than tall with its north east corner under the corner box when fitted whole.
  const features = [rectangle('510100', 103, 30, 105, 32), rectangle('510300', 105, 30, 107, 32), rectangle('510400', 101, 28, 103, 30)]

  // Thirty-six regions in a grid, each narrower than its long name at 20 px.
  const grid = Array.from({ length: 36 }, (_, index) => rectangle(`5${String(index + 10).padStart(5, '0')}`, 100 + (index % 6) * 0.3, 30 + Math.floor(index / 6) * 0.3, 100.3 + (index % 6) * 0.3, 30.3 + Math.floor(index / 6) * 0.3))
  const nameByRegion = (layout: ReturnType<typeof mapLayout>) => {
    for (const label of layout.labels) {
      const shape = layout.shapes.find((candidate) => candidate.code === label.code)!
      expect(Math.hypot(label.x - shape.labelX, label.y - shape.labelY)).toBeLessThanOrEqual(2 * layout.labelFont)
    }
  }

  it('keeps the map off the corner box and leaves the legend a corner of its own', () => {
    const layout = mapLayout(features, request, (shape) => shape.name)
    expect(coversAnyShape(layout.shapes, cornerBox)).toBe(false)
    expect(coversAnyShape(layout.shapes, layout.overlay)).toBe(false)
  })

  it('draws the map as large as that allows: larger than leaving the corner box a band the whole width', () => {
    const area = (shapes: { area: number }[]) => shapes.reduce((sum, shape) => sum + shape.area, 0)
    const banded = layoutShapes(features, { width: 800, height: 500, padding: 24, reserveTop: cornerBox.bottom + 12 - 24 })
    expect(area(mapLayout(features, request, (shape) => shape.name).shapes)).toBeGreaterThan(area(banded))
  })

  it('names every region by its own region, in a smaller size where the larger would push names away', () => {
    const layout = mapLayout(grid, { ...request, corner: { width: 0, height: 0 }, overlay: { width: 0, height: 0 } }, () => 'Guangyuan')
    expect(layout.labels).toHaveLength(36)
    expect(layout.labelFont).toBeLessThan(20)
    nameByRegion(layout)
  })

  it('leaves out the names that would stand away from their regions on a map too small for every name', () => {
    const layout = mapLayout(grid, { ...request, width: 260, height: 260, corner: { width: 0, height: 0 }, overlay: { width: 0, height: 0 } }, () => 'Guangyuan')
    expect(layout.labels.length).toBeGreaterThan(0)
    expect(layout.labels.length).toBeLessThan(36)
    for (const label of layout.labels) {
      const points = layout.shapes.find((candidate) => candidate.code === label.code)!.rings.flat()
      const [xs, ys] = [points.map(([x]) => x), points.map(([, y]) => y)]
      const outside = Math.hypot(Math.max(Math.min(...xs) - label.x, 0, label.x - Math.max(...xs)), Math.max(Math.min(...ys) - label.y, 0, label.y - Math.max(...ys)))
      expect(outside).toBeLessThanOrEqual(3 * layout.labelFont)
    }
  })
})
