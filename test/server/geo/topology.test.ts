import { geoArea } from 'd3-geo'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection } from 'topojson-specification'
import { describe, expect, it } from 'vitest'
import { GEO_TOPOLOGY_OBJECT, type RegionFeatureProperties } from '../../../shared/api'
import { loadCityShapes } from '../../../server/geo/echarts-province-map'
import { toRegionTopology } from '../../../server/geo/topology'
import { SICHUAN_CODE, sichuanCities } from './sichuan-cities'

type RegionFeature = Feature<Polygon | MultiPolygon, RegionFeatureProperties>

function roundTrip(features: RegionFeature[]): { json: string; regions: FeatureCollection<Polygon | MultiPolygon, RegionFeatureProperties> } {
  const topology = toRegionTopology(features)
  const object = topology.objects[GEO_TOPOLOGY_OBJECT] as GeometryCollection<RegionFeatureProperties>
  const regions = feature(topology, object) as FeatureCollection<Polygon | MultiPolygon, RegionFeatureProperties>
  return { json: JSON.stringify(topology), regions }
}

// About 100 m across: far below a pixel on a province map.
const tinyRegion: RegionFeature = {
  type: 'Feature',
  properties: { code: '519901', name: '微小区', schematic: true },
  geometry: { type: 'Polygon', coordinates: [[[104, 30], [104, 30.001], [104.001, 30.001], [104.001, 30], [104, 30]]] },
}

describe('toRegionTopology', () => {
  const sichuan = loadCityShapes(SICHUAN_CODE, sichuanCities()).features

  it('keeps all 21 Sichuan cities in a much smaller document', () => {
    const { json, regions } = roundTrip(sichuan)
    expect(regions.features.map((region) => region.properties)).toEqual(sichuan.map((city) => city.properties))
    expect(json.length).toBeLessThan(JSON.stringify(sichuan).length / 5)
  })

  it('keeps every city drawable and wound for d3', () => {
    for (const region of roundTrip(sichuan).regions.features) {
      expect(region.geometry, region.properties.name).not.toBeNull()
      const area = geoArea(region)
      expect(area, region.properties.name).toBeGreaterThan(0)
      expect(area, region.properties.name).toBeLessThan(0.01)
    }
  })

  it('keeps a region too small to see', () => {
    const tiny = roundTrip([...sichuan, tinyRegion]).regions.features.find((region) => region.properties.code === tinyRegion.properties.code)
    expect(tiny?.geometry).not.toBeNull()
    expect(geoArea(tiny!)).toBeGreaterThan(0)
    expect(geoArea(tiny!)).toBeLessThan(1e-6)
  })
})
