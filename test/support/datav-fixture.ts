// Makes a DataV GeoAtlas file (`<adcode>_full.json`) for one city by cutting its
// ECharts outline into vertical strips: "surveyed" shapes that differ visibly from
// the schematic subdivision, without shipping real county boundaries.
import polygonClipping, { type MultiPolygon as ClipMultiPolygon } from 'polygon-clipping'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { createRequire } from 'node:module'
import { decodeEchartsGeoJson } from '../../server/geo/echarts-province-map'

export interface FixtureCounty {
  adcode: string
  name: string
}

export function makeDatavCityFile(provinceFile: string, cityName: string, cityCode: string, counties: readonly FixtureCounty[]): FeatureCollection {
  const province = decodeEchartsGeoJson(createRequire(import.meta.url)(`echarts/map/json/province/${provinceFile}.json`))
  const city = province.features.find((feature) => feature.properties.name === cityName)
  if (city === undefined) throw new Error(`no ${cityName} in ${provinceFile}`)
  const outline = toClip(city.geometry)
  const xs = outline.flat(2).map((point) => point[0] ?? 0)
  const ys = outline.flat(2).map((point) => point[1] ?? 0)
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys) - 1, Math.max(...ys) + 1]
  const width = (maxX - minX) / counties.length
  const features: Feature[] = counties.map((county, index) => {
    const left = minX + index * width - (index === 0 ? 1 : 0)
    const right = minX + (index + 1) * width + (index === counties.length - 1 ? 1 : 0)
    const strip: ClipMultiPolygon = [[[[left, minY], [right, minY], [right, maxY], [left, maxY], [left, minY]]]]
    const piece = polygonClipping.intersection(outline, strip)
    return {
      type: 'Feature',
      properties: { adcode: Number(county.adcode), name: county.name, level: 'district', parent: { adcode: Number(cityCode) }, childrenNum: 0, subFeatureIndex: index },
      geometry: { type: 'MultiPolygon', coordinates: piece },
    }
  })
  return { type: 'FeatureCollection', features }
}

function toClip(geometry: Polygon | MultiPolygon): ClipMultiPolygon {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as ClipMultiPolygon
}
