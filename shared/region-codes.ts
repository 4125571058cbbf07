// GB/T 2260 six-digit division codes: PPCCDD (province, prefecture, county).

export type RegionLevel = 'province' | 'city' | 'county'

export const REGION_CODE_PATTERN = '^[1-9][0-9]{5}$'

const regionCodeRegExp = new RegExp(REGION_CODE_PATTERN)

export function isRegionCode(code: string): boolean {
  return regionCodeRegExp.test(code)
}

export function regionLevelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'city'
  return 'county'
}

/**
 * Code-list entries with no territory of their own are not map regions:
 * 市辖区 (the "city districts" umbrella, `xxxx01`) and development zones
 * (`xxxx7x`). The name tells 市辖区 apart, because a real county-level city
 * may also end in 01 (西昌市 513401).
 */
export function isPlaceholderRegion(code: string, name: string): boolean {
  if (regionLevelOf(code) !== 'county') return false
  return name === '市辖区' || code.charAt(4) === '7'
}
