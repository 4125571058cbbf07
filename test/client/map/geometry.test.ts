import { describe, expect, it } from 'vitest'
import { geoMercator } from 'd3-geo'
import type { Feature, Polygon } from 'geojson'
import type { RegionFeatureProperties } from '../../../shared/api'
import { clearCorner, coversAnyRegion, coversAnyShape, fitOf, labelText, labelWidth, layoutShapes, placeLabels, type MapShape } from '../../../client/src/map/geometry'

// A lon/lat square; RFC 7946 order (counter-clockwise exterior) unless told otherwise.
function square(code: string, lon: number, lat: number, size: number, clockwise = false): Feature<Polygon, RegionFeatureProperties> {
  const ring = [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ]
  return {
    type: 'Feature',
    properties: { code, name: `区${code}`, schematic: false },
    geometry: { type: 'Polygon', coordinates: [clockwise ? ring.reverse() : ring] },
  }
}

describe('layoutShapes', () => {
  const box = { width: 1000, height: 600, padding: 20 }

  it('fits all shapes inside the box, whatever their winding', () => {
    const shapes = layoutShapes([square('510100', 103, 30, 1), square('510300', 104, 30, 1, true)], box)
    expect(shapes.map((s) => s.code)).toEqual(['510100', '510300'])
    for (const s of shapes) {
      expect(s.d).toMatch(/^M/)
      expect(s.labelX).toBeGreaterThan(box.padding - 1)
      expect(s.labelX).toBeLessThan(box.width - box.padding + 1)
      expect(s.labelY).toBeGreaterThan(box.padding - 1)
      expect(s.labelY).toBeLessThan(box.height - box.padding + 1)
      expect(s.area).toBeGreaterThan(1000)
    }
  })

  it("draws d3's Mercator, north up, within a pixel", () => {
    // Chengdu's latitude to the Tibetan plateau's: where Mercator stretches most across Sichuan.
    const features = [square('510100', 103, 30, 1, true), square('513300', 99, 33, 1.5, true)]
    const shapes = layoutShapes(features, box)
    const mercator = geoMercator().fitExtent([[box.padding, box.padding], [box.width - box.padding, box.height - box.padding]], { type: 'FeatureCollection', features })
    for (const [index, feature] of features.entries()) {
      const corners = feature.geometry.coordinates[0]!.slice(0, 4).map((corner) => mercator(corner as [number, number])!)
      const drawn = shapes[index]!.rings[0]!.slice(0, 4)
      for (const [corner, [x, y]] of corners.entries()) {
        expect(drawn[corner]![0]).toBeCloseTo(x, 0)
        expect(drawn[corner]![1]).toBeCloseTo(y, 0)
      }
    }
    expect(shapes[1]!.labelY).toBeLessThan(shapes[0]!.labelY)
  })

  it('draws nothing for no features', () => {
    expect(layoutShapes([], box)).toEqual([])
  })
})

describe('placeLabels', () => {
  const style = { fontSize: 20, minAreaRatio: 0.6 }
  const bounds = { width: 1000, height: 600 }
  const shape = (code: string, area: number, x: number, y: number, name = '成华区'): MapShape => ({
    code,
    name,
    schematic: false,
    d: '',
    area,
    labelX: x,
    labelY: y,
    rings: [],
  })

  it('estimates CJK glyphs as square and Latin ones narrower', () => {
    expect(labelWidth('成华区', 20)).toBe(60)
    expect(labelWidth('abc', 20)).toBeLessThan(40)
  })

  it('hides names of regions too small for them', () => {
    const labels = placeLabels([shape('a', 50_000, 100, 100), shape('b', 100, 500, 300)], style, bounds)
    expect(labels.map((l) => l.code)).toEqual(['a'])
  })

  it('keeps the bigger region when two labels would overlap', () => {
    const labels = placeLabels([shape('small', 5_000, 205, 105), shape('big', 50_000, 200, 100)], style, bounds)
    expect(labels.map((l) => l.code)).toEqual(['big'])
  })

  it('names the region the screen is about first, however small', () => {
    const regions = [shape('big', 50_000, 600, 300), shape('focus', 100, 205, 105), shape('beside', 100, 400, 105)]
    expect(placeLabels(regions, style, bounds).map((l) => l.code)).toEqual(['big'])
    expect(placeLabels(regions, { ...style, named: 'focus' }, bounds).map((l) => l.code)).toEqual(['focus', 'big'])
  })

  it('keeps labels inside the map', () => {
    const [label] = placeLabels([shape('edge', 50_000, 2, 599)], style, bounds)
    expect(label!.x).toBeGreaterThanOrEqual(labelWidth('成华区', 20) / 2)
    expect(label!.y).toBeLessThanOrEqual(600 - 12.5)
  })
})

describe('placeLabels for every region', () => {
  const style = { fontSize: 20, minAreaRatio: 0.6, everyRegion: true }
  const bounds = { width: 1000, height: 600 }
  const tiny = (code: string, x: number, y: number): MapShape => ({ code, name: '内江市', schematic: false, d: '', area: 50, labelX: x, labelY: y, rings: [] })

  it('names even tiny regions, moving crowded labels apart and off obstacles', () => {
    const obstacle = { left: 0, top: 0, right: 120, bottom: 60 }
    const labels = placeLabels([tiny('a', 200, 200), tiny('b', 205, 202), tiny('c', 198, 199), tiny('d', 40, 20)], style, bounds, [obstacle])
    expect(labels.map((label) => label.code).sort()).toEqual(['a', 'b', 'c', 'd'])
    const boxes = [obstacle, ...labels.map((label) => ({ left: label.x - 30, right: label.x + 30, top: label.y - 15, bottom: label.y + 15 }))]
    for (const [i, one] of boxes.entries()) {
      for (const other of boxes.slice(i + 1)) expect(one.left < other.right && other.left < one.right && one.top < other.bottom && other.top < one.bottom).toBe(false)
    }
  })

  it('shortens city names as Chinese maps do', () => {
    expect(labelText('阿坝藏族羌族自治州', style)).toBe('阿坝州')
    expect(labelText('凉山彝族自治州', style)).toBe('凉山州')
    expect(labelText('成都市', style)).toBe('成都')
    expect(labelText('成都市', { everyRegion: false })).toBe('成都市')
  })
})

describe('coversAnyRegion', () => {
  it('judges a box on the plane as the drawn map would: over an outline, inside a region, clear of both', () => {
    const features = [square('510100', 104, 29, 2, true), square('510300', 101, 31, 1, true)]
    const box = { width: 1000, height: 600, padding: 20, reserveTop: 60 }
    const drawn = layoutShapes(features, box)
    const rects = [
      { left: 880, top: 500, right: 990, bottom: 590 },
      { left: 10, top: 500, right: 200, bottom: 590 },
      { left: 740, top: 290, right: 760, bottom: 310 },
      { left: 0, top: 0, right: 1000, bottom: 60 },
      { left: 150, top: 100, right: 260, bottom: 200 },
    ]
    const judged = rects.map((rect) => coversAnyRegion(features, fitOf(features, box), rect))
    expect(judged).toEqual(rects.map((rect) => coversAnyShape(drawn, rect)))
    expect(judged).toContain(true)
    expect(judged).toContain(false)
  })
})

describe('clearCorner', () => {
  const bounds = { width: 1000, height: 600 }
  const box = { width: 1000, height: 600, padding: 20 }

  it('finds the corner the legend can take without covering a region', () => {
    // a square filling the right half: the bottom right is covered, the bottom left is free
    const [shape] = layoutShapes([square('510100', 104, 29, 2, true)], { ...box, reserveLeft: 500 })
    expect(coversAnyShape([shape!], { left: 880, top: 500, right: 990, bottom: 590 })).toBe(true)
    expect(coversAnyShape([shape!], { left: 10, top: 500, right: 200, bottom: 590 })).toBe(false)
    // inside the shape, away from its outline, still covers it
    expect(coversAnyShape([shape!], { left: 740, top: 290, right: 760, bottom: 310 })).toBe(true)
    expect(clearCorner((rect) => coversAnyShape([shape!], rect), ['bottom-right', 'bottom-left'], { width: 150, height: 80 }, bounds, 12)).toBe('bottom-left')
    expect(clearCorner((rect) => coversAnyShape([shape!], rect), ['bottom-right'], { width: 150, height: 80 }, bounds, 12)).toBeNull()
  })
})

