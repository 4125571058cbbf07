// The regions a /api/v1/geo answer draws, read back from its TopoJSON as a client would.
import { feature } from 'topojson-client'
import type { Topology } from 'topojson-specification'
import type { FeatureCollection } from 'geojson'
import { GEO_TOPOLOGY_OBJECT, type RegionFeatureProperties } from '../../../shared/api'

export function regionsOf(body: string): FeatureCollection<never, RegionFeatureProperties> {
  const topology = JSON.parse(body) as Topology
  const object = topology.objects[GEO_TOPOLOGY_OBJECT]
  if (object === undefined) throw new Error('no regions object')
  return feature(topology, object) as unknown as FeatureCollection<never, RegionFeatureProperties>
}
