import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import type { Feature, Geometry } from 'geojson'
import { GEO_TOPOLOGY_OBJECT, type RegionFeatureProperties } from '../../../shared/api'
import { getJson } from '../http/json'
import { isRegionFeatureProperties } from './geometry'

export type RegionFeature = Feature<Geometry, RegionFeatureProperties>

/** The child regions of `parentCode` as GeoJSON features, in the server's order. */
export async function fetchRegionFeatures(parentCode: string, geoVersion: string, signal: AbortSignal): Promise<RegionFeature[]> {
  const body = await getJson(`/api/v1/geo/${encodeURIComponent(parentCode)}?v=${encodeURIComponent(geoVersion)}`, undefined, signal)
  const topology = body as Partial<Topology>
  const object = topology.objects?.[GEO_TOPOLOGY_OBJECT]
  if (topology.type !== 'Topology' || object?.type !== 'GeometryCollection') {
    throw new Error(`no "${GEO_TOPOLOGY_OBJECT}" collection in the map of ${parentCode}`)
  }
  const collection = feature(topology as Topology, object as GeometryCollection)
  return collection.features.filter((f): f is RegionFeature => f.geometry !== null && isRegionFeatureProperties(f.properties))
}
