// Which shape each region is drawn with: an imported survey boundary where the
// operator loaded one, the ECharts province maps for cities, the bundled county
// shapes for counties, and a schematic subdivision of the city for counties of a
// city the bundled file does not fully cover.
import { createHash } from 'node:crypto'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { Kysely } from 'kysely'
import type { FastifyBaseLogger } from 'fastify'
import type { RegionFeatureProperties } from '../../shared/api'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { boundariesWithParent, boundaryOf } from './boundaries-repository'
import { knownCodeChanges } from './code-changes'
import { CountyShapeSource } from './county-shapes'
import { loadCityShapes } from './echarts-province-map'
import { subdivideSchematically } from './schematic-subdivision'
import { toRegionTopology } from './topology'

export type RegionFeature = Feature<Polygon | MultiPolygon, RegionFeatureProperties>

export interface RegionTopologyDocument {
  json: string
  etag: string
}

export class RegionShapes {
  readonly #documents = new Map<string, Promise<RegionTopologyDocument>>()
  readonly #childShapes = new Map<string, Promise<RegionFeature[]>>()
  readonly #countyShapes: CountyShapeSource

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tree: RegionTree,
    private readonly log: FastifyBaseLogger,
  ) {
    this.#countyShapes = new CountyShapeSource(tree.province.code, knownCodeChanges())
  }

  /** TopoJSON of the region's children; a county, having none, is drawn as itself. */
  topologyFor(code: string): Promise<RegionTopologyDocument> {
    return cached(this.#documents, code, () => this.#buildDocument(code))
  }

  async #buildDocument(code: string): Promise<RegionTopologyDocument> {
    const features = this.tree.children(code).length > 0 ? await this.childShapes(code) : [await this.shapeOf(code)]
    const json = JSON.stringify(toRegionTopology(features))
    return { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` }
  }

  childShapes(parentCode: string): Promise<RegionFeature[]> {
    return cached(this.#childShapes, parentCode, () => this.#buildChildShapes(parentCode))
  }

  async #buildChildShapes(parentCode: string): Promise<RegionFeature[]> {
    const children = this.tree.children(parentCode)
    const imported = await boundariesWithParent(this.db, parentCode)
    if (imported.length > 0) {
      const missing = children.filter((child) => !imported.some((boundary) => boundary.code === child.code))
      if (missing.length > 0) this.log.warn(`imported boundaries under ${parentCode} lack ${missing.map((child) => `${child.code} ${child.name}`).join(', ')}`)
      return imported.map((boundary) => ({
        type: 'Feature',
        properties: { code: boundary.code, name: this.tree.get(boundary.code)?.name ?? boundary.name, schematic: false },
        geometry: boundary.geometry,
      }))
    }
    if (parentCode === this.tree.province.code) {
      const { features, unmatched } = loadCityShapes(parentCode, children)
      if (unmatched.length > 0) this.log.warn(`province map features with no region: ${unmatched.join(', ')}`)
      return features
    }
    const counties = this.#countyShapes.countiesOf(parentCode, children)
    if (counties.unmatched.length > 0) this.log.warn(`bundled county shapes under ${parentCode} did not match: ${counties.unmatched.join('; ')}`)
    if (counties.features.length > 0) return counties.features
    const parent = await this.shapeOf(parentCode)
    return subdivideSchematically(
      parent,
      children.map((child) => ({ code: child.code, name: child.name, weight: Math.max(child.population, 1) })),
    )
  }

  async shapeOf(code: string): Promise<RegionFeature> {
    const region = this.tree.get(code)
    if (region === undefined || region.parentCode === null) throw new Error(`no shape for region ${code}`)
    const imported = await boundaryOf(this.db, code)
    if (imported !== undefined) {
      return { type: 'Feature', properties: { code, name: region.name, schematic: false }, geometry: imported.geometry }
    }
    const sibling = (await this.childShapes(region.parentCode)).find((feature) => feature.properties.code === code)
    if (sibling === undefined) throw new Error(`region ${code} ${region.name} has no shape in its parent's map`)
    return sibling
  }
}

/** Shapes are costly to build and fixed while the server runs; a failed build is tried again next time. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  let value = cache.get(key)
  if (value === undefined) {
    value = build()
    value.catch(() => cache.delete(key))
    cache.set(key, value)
  }
  return value
}
