// City outlines per province from the maps bundled with echarts@4 — the only surveyed
// boundaries we can ship without an operator import.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import type { RegionFeatureProperties } from '../../shared/api'
import { rewindForD3 } from './winding'

export interface EchartsFeatureProperties {
  name: string
  /** label anchor [lon, lat] */
  cp?: [number, number]
  childNum?: number
}

type EncodedRing = string | Position[]

interface EchartsPolygon {
  type: 'Polygon'
  coordinates: EncodedRing[]
  encodeOffsets?: [number, number][]
}

interface EchartsMultiPolygon {
  type: 'MultiPolygon'
  coordinates: EncodedRing[][]
  encodeOffsets?: [number, number][][]
}

/** An echarts map file: GeoJSON, optionally with rings packed into strings. */
export interface EchartsGeoJson {
  type?: 'FeatureCollection'
  UTF8Encoding?: boolean
  UTF8Scale?: number
  features: { type?: 'Feature'; properties: EchartsFeatureProperties; geometry: EchartsPolygon | EchartsMultiPolygon }[]
}

export type EchartsFeatureCollection = FeatureCollection<Polygon | MultiPolygon, EchartsFeatureProperties>

const DEFAULT_UTF8_SCALE = 1024

/** Same result as echarts' own `parseGeoJson` decoder, without mutating the input. */
export function decodeEchartsGeoJson(json: EchartsGeoJson): EchartsFeatureCollection {
  if (!json.UTF8Encoding) return json as EchartsFeatureCollection
  const scale = json.UTF8Scale ?? DEFAULT_UTF8_SCALE
  return {
    type: 'FeatureCollection',
    features: json.features.map((feature) => ({
      type: 'Feature',
      properties: feature.properties,
      geometry: decodeGeometry(feature.geometry, scale),
    })),
  }
}

function decodeGeometry(geometry: EchartsPolygon | EchartsMultiPolygon, scale: number): Polygon | MultiPolygon {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: decodeRings(geometry.coordinates, geometry.encodeOffsets, scale) }
  }
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((rings, index) =>
      decodeRings(rings, geometry.encodeOffsets?.[index], scale),
    ),
  }
}

function decodeRings(rings: EncodedRing[], offsets: [number, number][] | undefined, scale: number): Position[][] {
  return rings.map((ring, index) => {
    if (typeof ring !== 'string') return ring
    const offset = offsets?.[index]
    if (!offset) throw new Error(`echarts map ring ${index} has no encodeOffsets`)
    return decodeRing(ring, offset, scale)
  })
}

// Each vertex is two chars: (code - 64), zigzag-encoded delta from the previous vertex.
function decodeRing(encoded: string, offset: [number, number], scale: number): Position[] {
  const ring: Position[] = []
  let [x, y] = offset
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    x += unzigzag(encoded.charCodeAt(i) - 64)
    y += unzigzag(encoded.charCodeAt(i + 1) - 64)
    ring.push([x / scale, y / scale])
  }
  return ring
}

function unzigzag(value: number): number {
  return (value >> 1) ^ -(value & 1)
}

/**
 * Province code → file under `echarts/map/json/province/`. Checked against the
 * feature names: shanxi.json holds 太原市 (山西), shanxi1.json holds 西安市 (陕西).
 * The municipalities, Hong Kong and Macau files hold districts, not cities.
 */
export const ECHARTS_PROVINCE_FILES: Readonly<Record<string, string>> = {
  '110000': 'beijing',
  '120000': 'tianjin',
  '130000': 'hebei',
  '140000': 'shanxi',
  '150000': 'neimenggu',
  '210000': 'liaoning',
  '220000': 'jilin',
  '230000': 'heilongjiang',
  '310000': 'shanghai',
  '320000': 'jiangsu',
  '330000': 'zhejiang',
  '340000': 'anhui',
  '350000': 'fujian',
  '360000': 'jiangxi',
  '370000': 'shandong',
  '410000': 'henan',
  '420000': 'hubei',
  '430000': 'hunan',
  '440000': 'guangdong',
  '450000': 'guangxi',
  '460000': 'hainan',
  '500000': 'chongqing',
  '510000': 'sichuan',
  '520000': 'guizhou',
  '530000': 'yunnan',
  '540000': 'xizang',
  '610000': 'shanxi1',
  '620000': 'gansu',
  '630000': 'qinghai',
  '640000': 'ningxia',
  '650000': 'xinjiang',
  '710000': 'taiwan',
  '810000': 'xianggang',
  '820000': 'aomen',
}

export function readEchartsProvinceMap(provinceCode: string): EchartsFeatureCollection {
  const fileName = ECHARTS_PROVINCE_FILES[provinceCode]
  if (!fileName) throw new Error(`no echarts province map for region ${provinceCode}`)
  const path = createRequire(import.meta.url).resolve(`echarts/map/json/province/${fileName}.json`)
  return decodeEchartsGeoJson(JSON.parse(readFileSync(path, 'utf8')) as EchartsGeoJson)
}

export interface CityRef {
  code: string
  name: string
}

export interface CityShapes {
  features: Feature<Polygon | MultiPolygon, RegionFeatureProperties>[]
  /** echarts names of features that matched no city, matched several, or have no area */
  unmatched: string[]
}

/**
 * Outlines for the given cities of one province, in the order of `cities`.
 * Several echarts features naming the same city (xizang.json lists 山南市 twice)
 * become one MultiPolygon.
 */
export function loadCityShapes(provinceCode: string, cities: readonly CityRef[]): CityShapes {
  const duplicate = cities.find((city, index) => cities.findIndex((other) => other.code === city.code) !== index)
  if (duplicate) throw new Error(`city ${duplicate.code} is listed twice`)
  const polygonsByCode = new Map<string, Position[][][]>()
  const namesByCode = new Map<string, string[]>()
  const unmatched: string[] = []
  for (const feature of readEchartsProvinceMap(provinceCode).features) {
    const echartsName = feature.properties.name
    const city = matchRegionByName(echartsName, cities)
    if (!city) {
      unmatched.push(echartsName)
      continue
    }
    const geometry = feature.geometry
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    polygonsByCode.set(city.code, [...(polygonsByCode.get(city.code) ?? []), ...polygons])
    namesByCode.set(city.code, [...(namesByCode.get(city.code) ?? []), echartsName])
  }

  const features: CityShapes['features'] = []
  for (const city of cities) {
    const polygons = polygonsByCode.get(city.code)
    if (!polygons) continue
    const geometry = rewindForD3(
      polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons },
    )
    if (!geometry) {
      unmatched.push(...(namesByCode.get(city.code) ?? []))
      continue
    }
    features.push({ type: 'Feature', properties: { code: city.code, name: city.name, schematic: false }, geometry })
  }
  return { features, unmatched }
}

/**
 * Exact name first; otherwise names compared without their administrative suffix,
 * one allowed to extend the other (阿坝州 ~ 阿坝藏族羌族自治州, 那曲地区 ~ 那曲市).
 * A tolerant match counts only when it is unambiguous.
 */
export function matchRegionByName<C extends CityRef>(name: string, cities: readonly C[]): C | undefined {
  const exact = cities.find((city) => city.name === name)
  if (exact) return exact
  const key = nameStem(name)
  const candidates = cities.filter((city) => stemsMatch(key, nameStem(city.name)))
  return candidates.length === 1 ? candidates[0] : undefined
}

// Longest first, so 自治州 is removed whole rather than leaving 自治.
const ADMINISTRATIVE_SUFFIXES = ['自治州', '自治县', '地区', '林区', '市', '州', '盟', '县', '区']

function nameStem(name: string): string {
  const suffix = ADMINISTRATIVE_SUFFIXES.find((candidate) => name.endsWith(candidate) && name.length > candidate.length)
  return suffix ? name.slice(0, -suffix.length) : name
}

// Two characters is the shortest place-name stem; anything shorter matches too much.
const MIN_STEM_LENGTH = 2

function stemsMatch(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a]
  return shorter.length >= MIN_STEM_LENGTH && longer.startsWith(shorter)
}
