// Where demo events happen: counties drawn in proportion to people (12315 intake) or to
// market entities (inspections, sampling, cases), with the capital's volume lifted.
import type { Region } from '../../shared/api'
import type { RegionTree } from '../regions/region-tree'
import { CAPITAL_WEIGHT } from './calibration'
import type { Random } from './random'

export class WeightedRegions {
  readonly #regions: Region[]
  readonly #cumulative: number[]
  readonly total: number

  constructor(regions: readonly Region[], weight: (region: Region) => number) {
    this.#regions = [...regions]
    let sum = 0
    this.#cumulative = this.#regions.map((region) => (sum += weight(region)))
    this.total = sum
  }

  draw(random: Random): Region {
    const target = random.float() * this.total
    let low = 0
    let high = this.#cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((this.#cumulative[middle] ?? 0) > target) high = middle
      else low = middle + 1
    }
    return this.#regions[low]!
  }
}

export interface DemoRegions {
  byPopulation: WeightedRegions
  byEntities: WeightedRegions
  cities: readonly Region[]
  /** share of the province's entity-weighted activity per city */
  cityEntityShare: ReadonlyMap<string, number>
}

export function demoRegions(tree: RegionTree): DemoRegions {
  const capitalCode = `${tree.province.code.slice(0, 2)}0100`
  const counties = [...tree.all()].filter((region) => region.level === 'county')
  const lift = (region: Region) => (region.parentCode === capitalCode ? CAPITAL_WEIGHT : 1)
  const byEntities = new WeightedRegions(counties, (county) => county.marketEntities)
  const cities = tree.children(tree.province.code).filter((region) => region.level === 'city')
  const cityEntityShare = new Map<string, number>()
  for (const county of counties) {
    if (county.parentCode === null) continue
    cityEntityShare.set(county.parentCode, (cityEntityShare.get(county.parentCode) ?? 0) + county.marketEntities / byEntities.total)
  }
  return {
    byPopulation: new WeightedRegions(counties, (county) => county.population * lift(county)),
    byEntities,
    cities,
    cityEntityShare,
  }
}
