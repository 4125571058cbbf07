// The one Database interface: every table, as kysely sees it.
import type { ColumnType, Generated } from 'kysely'
import type { Geometry } from 'geojson'

export interface RegionsTable {
  code: string
  parent_code: string | null
  level: 'province' | 'city' | 'county'
  name: string
  population: ColumnType<number, number, number>
  market_entities: ColumnType<number, number, number>
  population_estimated: boolean
  market_entities_estimated: boolean
}

/** Surveyed boundaries imported by the operator; they replace built-in or schematic shapes. */
export interface RegionBoundariesTable {
  code: string
  parent_code: string
  name: string
  geometry: ColumnType<Geometry, string, string>
  source_file: string
  imported_at: Generated<Date>
}

export interface Database {
  regions: RegionsTable
  region_boundaries: RegionBoundariesTable
}
