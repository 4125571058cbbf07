// HTTP contracts shared by server routes and the client.
import Type, { type Static } from 'typebox'
import { REGION_CODE_PATTERN } from './region-codes'

export const RegionCode = Type.String({ pattern: REGION_CODE_PATTERN, description: 'GB/T 2260 six-digit code' })

export const RegionLevel = Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')])

export const Region = Type.Object({
  code: RegionCode,
  name: Type.String(),
  /** the official English name where there is one (Ngawa, Garzê), romanised pinyin otherwise */
  nameEn: Type.String(),
  level: RegionLevel,
  parentCode: Type.Union([RegionCode, Type.Null()]),
  population: Type.Integer({ minimum: 0 }),
  marketEntities: Type.Integer({ minimum: 0 }),
  /** true when the figure is derived by a stated rule, not given by census or operator */
  populationEstimated: Type.Boolean(),
  marketEntitiesEstimated: Type.Boolean(),
})
export type Region = Static<typeof Region>

export const RegionDetail = Type.Object({
  region: Region,
  /** from the province down to the region's parent */
  ancestors: Type.Array(Region),
  children: Type.Array(Region),
})
export type RegionDetail = Static<typeof RegionDetail>

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
})
export type Health = Static<typeof Health>

/** What a screen needs to know before it asks for anything else. */
export const ClientConfig = Type.Object({
  provinceCode: RegionCode,
  version: Type.String(),
  /** append as `?v=` to `/api/v1/geo/…` URLs: such responses are cached for good */
  geoVersion: Type.String(),
  /** every region of the province by code, named in English: what the English wall calls a region wherever it shows one */
  regionNamesEn: Type.Record(Type.String(), Type.String()),
})
export type ClientConfig = Static<typeof ClientConfig>

/**
 * Why a request was refused, as a word a screen can map to its own message (never show the
 * English `detail` on a Chinese screen). The live socket's refusals use the same words.
 */
export const ProblemCode = Type.Union([
  Type.Literal('invalid_request'),
  Type.Literal('invalid_period'),
  Type.Literal('unknown_region'),
  Type.Literal('unknown_campaign'),
  Type.Literal('not_found'),
  Type.Literal('method_not_allowed'),
  Type.Literal('uri_too_long'),
  Type.Literal('unsupported_media_type'),
  Type.Literal('payload_too_large'),
  Type.Literal('records_refused'),
  Type.Literal('invalid_settings'),
  Type.Literal('database_unavailable'),
  Type.Literal('internal_error'),
  Type.Literal('unauthenticated'),
  Type.Literal('invalid_credentials'),
  Type.Literal('account_disabled'),
  Type.Literal('account_locked'),
  Type.Literal('csrf_refused'),
  Type.Literal('forbidden'),
  Type.Literal('conflict'),
  Type.Literal('task_state_conflict'),
  Type.Literal('task_request_refused'),
  Type.Literal('too_many_requests'),
])
export type ProblemCode = Static<typeof ProblemCode>

/** RFC 9457 problem details; `code` says why for machines, `errors` names each offending field. */
export const Problem = Type.Object({
  type: Type.String(),
  code: ProblemCode,
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
})
export type Problem = Static<typeof Problem>

/** Properties of every feature in `GET /api/v1/geo/:parentCode` (TopoJSON object `regions`). */
export interface RegionFeatureProperties {
  code: string
  name: string
  /** true when the shape is a generated stand-in, not a surveyed boundary */
  schematic: boolean
}

export const GEO_TOPOLOGY_OBJECT = 'regions'
