// County outlines shipped with the server (server/geo/data/<province>-counties.json,
// derived by `npm run geo:counties`). The source names counties as they were when it
// was drawn; each is matched within its city by name, else by its code after the
// known code changes (宜宾县 511521 is 叙州区 511504).
import { existsSync, readFileSync } from 'node:fs'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection } from 'topojson-specification'
import type { RegionFeatureProperties } from '../../shared/api'
import { type CountyShapesDocument, type CountySourceProperties, countyShapesFile } from './county-shapes-source'
import { type CityRef, matchRegionByName } from './echarts-province-map'
import { rewindForD3 } from './winding'

export interface CountyShapes {
  /** one per county of the city, in the order given; empty unless every county has a shape */
  features: Feature<Polygon | MultiPolygon, RegionFeatureProperties>[]
  /** what did not match: source counties no current county claims, and counties left without a shape */
  unmatched: string[]
}

export class CountyShapeSource {
  readonly #document: CountyShapesDocument | null

  constructor(
    provinceCode: string,
    private readonly codeChanges: ReadonlyMap<string, string>,
  ) {
    const file = countyShapesFile(provinceCode)
    this.#document = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CountyShapesDocument) : null
  }

  /**
   * A city is drawn from the file only when every one of its counties matched: a partial
   * map could not be drilled into, so such a city keeps the schematic and says why.
   */
  countiesOf(cityCode: string, counties: readonly CityRef[]): CountyShapes {
    const object = this.#document?.objects[cityCode] as GeometryCollection<CountySourceProperties> | undefined
    if (this.#document === null || object === undefined) return { features: [], unmatched: [`${cityCode}: no county shapes in the bundled file`] }
    const source = feature(this.#document, object) as FeatureCollection<Polygon | MultiPolygon, CountySourceProperties>

    const shapeByCode = new Map<string, Polygon | MultiPolygon>()
    const unmatched: string[] = []
    for (const candidate of source.features) {
      const { name, sourceCode } = candidate.properties
      const unclaimed = counties.filter((county) => !shapeByCode.has(county.code))
      const changedCode = this.codeChanges.get(sourceCode) ?? sourceCode
      const county = matchRegionByName(name, unclaimed) ?? unclaimed.find((region) => region.code === changedCode)
      const geometry = county === undefined ? null : rewindForD3(candidate.geometry)
      if (county === undefined || geometry === null) unmatched.push(`${cityCode}: ${sourceCode} ${name}`)
      else shapeByCode.set(county.code, geometry)
    }
    for (const county of counties) if (!shapeByCode.has(county.code)) unmatched.push(`${cityCode}: no shape for ${county.code} ${county.name}`)

    const complete = counties.every((county) => shapeByCode.has(county.code))
    const features = complete
      ? counties.map((county): Feature<Polygon | MultiPolygon, RegionFeatureProperties> => ({
          type: 'Feature',
          properties: { code: county.code, name: county.name, schematic: false },
          geometry: shapeByCode.get(county.code)!,
        }))
      : []
    return { features, unmatched }
  }
}
