// Surveyed boundaries supplied by the operator as DataV GeoAtlas files, the format
// Chinese big-screen tools use: `<adcode>_full.json` holds the children of <adcode>.
import { basename } from 'node:path'
import type { MultiPolygon, Polygon } from 'geojson'
import { isRegionCode } from '../../shared/region-codes'
import { rewindForD3 } from './winding'

export interface DatavFeature {
  /** adcode as written in the file, possibly retired since */
  sourceCode: string
  name: string
  parentCode: string | null
  /** wound for d3-geo */
  geometry: Polygon | MultiPolygon
}

export interface DatavFile {
  parentCode: string | null
  features: DatavFeature[]
  /** one message per feature or file-level inconsistency that was not imported */
  problems: string[]
}

type JsonObject = Record<string, unknown>

/** The parent comes from the features' `parent`, else from a `<adcode>_full.json` file name. */
export function parseDatavFile(fileName: string, json: unknown): DatavFile {
  const fileParentCode = /^(\d{6})_full\.json$/i.exec(basename(fileName))?.[1] ?? null
  if (!isJsonObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    return { parentCode: fileParentCode, features: [], problems: [`${fileName}: not a GeoJSON FeatureCollection`] }
  }

  const parsed: DatavFeature[] = []
  const problems: string[] = []
  json.features.forEach((raw: unknown, index) => {
    const result = parseFeature(raw)
    if ('feature' in result) parsed.push(result.feature)
    else problems.push(`${fileName} feature ${index}${result.name ? ` (${result.name})` : ''}: ${result.problems.join('; ')}`)
  })

  const namedParents = [...new Set(parsed.flatMap((feature) => feature.parentCode ?? []))]
  if (namedParents.length > 1) problems.push(`${fileName}: features name several parents: ${namedParents.join(', ')}`)
  const featureParentCode = namedParents.length === 1 ? namedParents[0]! : null
  if (featureParentCode && fileParentCode && featureParentCode !== fileParentCode) {
    problems.push(`${fileName}: features name parent ${featureParentCode} but the file name says ${fileParentCode}`)
  }
  const parentCode = featureParentCode ?? fileParentCode
  return {
    parentCode,
    features: parsed.map((feature) => ({ ...feature, parentCode: feature.parentCode ?? parentCode })),
    problems,
  }
}

type FeatureResult = { feature: DatavFeature } | { name: string | null; problems: string[] }

function parseFeature(raw: unknown): FeatureResult {
  if (!isJsonObject(raw) || !isJsonObject(raw.properties)) return { name: null, problems: ['has no properties'] }
  const properties = raw.properties
  const name = typeof properties.name === 'string' && properties.name.trim() !== '' ? properties.name.trim() : null
  const problems: string[] = []

  const sourceCode = regionCodeOf(properties.adcode)
  if (sourceCode === null) problems.push(`adcode ${JSON.stringify(properties.adcode)} is not a six-digit region code`)
  if (name === null) problems.push('has no name')

  // DataV writes `parent: {adcode}`; other exports flatten it to the code itself.
  const rawParent = isJsonObject(properties.parent) ? properties.parent.adcode : properties.parent
  const parentCode = rawParent == null ? null : regionCodeOf(rawParent)
  if (rawParent != null && parentCode === null) problems.push(`parent ${JSON.stringify(rawParent)} is not a six-digit region code`)

  const geometry = polygonalGeometryOf(raw.geometry)
  if (typeof geometry === 'string') problems.push(geometry)

  if (problems.length > 0 || sourceCode === null || name === null || typeof geometry === 'string') return { name, problems }
  return { feature: { sourceCode, name, parentCode, geometry } }
}

function regionCodeOf(value: unknown): string | null {
  const code = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : null
  return code !== null && isRegionCode(code) ? code : null
}

/** The geometry wound for d3, or a message saying what is wrong with it. */
function polygonalGeometryOf(raw: unknown): Polygon | MultiPolygon | string {
  if (!isJsonObject(raw)) return 'has no geometry'
  const valid =
    raw.type === 'Polygon' ? isPolygonCoordinates(raw.coordinates)
    : raw.type === 'MultiPolygon' ? Array.isArray(raw.coordinates) && raw.coordinates.length > 0 && raw.coordinates.every(isPolygonCoordinates)
    : null
  if (valid === null) return `has geometry ${JSON.stringify(raw.type)}, expected Polygon or MultiPolygon`
  if (!valid) return `has malformed ${raw.type} coordinates`
  const geometry = raw as unknown as Polygon | MultiPolygon
  return rewindForD3(geometry) ?? `${raw.type} encloses no area`
}

function isPolygonCoordinates(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isRing)
}

// GeoJSON rings are closed, so a triangle already takes four positions.
function isRing(value: unknown): boolean {
  return Array.isArray(value) && value.length >= 4 && value.every(isPosition)
}

function isPosition(value: unknown): boolean {
  return Array.isArray(value) && value.length >= 2 && value.every((number) => typeof number === 'number' && Number.isFinite(number))
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export interface ResolvedCodes {
  resolved: (DatavFeature & { code: string })[]
  /** features whose code, after mapping, is not in the current code list */
  unknown: DatavFeature[]
}

/**
 * Applies the operator's old→new mapping (会理县 513425 became 会理市 513402 in
 * 2021) to each feature's code and parent, one step, then checks the code exists.
 */
export function resolveCodes(
  features: readonly DatavFeature[],
  knownCodes: ReadonlySet<string>,
  codeMapping: ReadonlyMap<string, string>,
): ResolvedCodes {
  const resolved: ResolvedCodes['resolved'] = []
  const unknown: DatavFeature[] = []
  for (const feature of features) {
    const code = codeMapping.get(feature.sourceCode) ?? feature.sourceCode
    if (!knownCodes.has(code)) {
      unknown.push(feature)
      continue
    }
    const parentCode = feature.parentCode === null ? null : (codeMapping.get(feature.parentCode) ?? feature.parentCode)
    resolved.push({ ...feature, code, parentCode })
  }
  return { resolved, unknown }
}

const MAPPING_HEADER = 'old_code,new_code'

/** `old_code,new_code` per line; the header line is optional. */
export function parseCodeMappingCsv(text: string): Map<string, string> {
  const mapping = new Map<string, string>()
  const lineOfOldCode = new Map<string, number>()
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1
    const line = rawLine.trim()
    if (line === '') return
    if (mapping.size === 0 && line.replace(/\s/g, '').toLowerCase() === MAPPING_HEADER) return
    const fields = line.split(',').map((field) => field.trim())
    if (fields.length !== 2) throw new Error(`code mapping line ${lineNumber}: expected "${MAPPING_HEADER}", got "${line}"`)
    const [oldCode, newCode] = fields as [string, string]
    for (const code of [oldCode, newCode]) {
      if (!isRegionCode(code)) throw new Error(`code mapping line ${lineNumber}: "${code}" is not a six-digit region code`)
    }
    if (oldCode === newCode) throw new Error(`code mapping line ${lineNumber}: ${oldCode} maps to itself`)
    const earlierLine = lineOfOldCode.get(oldCode)
    if (earlierLine !== undefined) {
      throw new Error(`code mapping line ${lineNumber}: ${oldCode} is already mapped on line ${earlierLine}`)
    }
    mapping.set(oldCode, newCode)
    lineOfOldCode.set(oldCode, lineNumber)
  })
  return mapping
}
