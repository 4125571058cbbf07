// Routes name regions by code; one of another province, or none at all, is refused alike.
import type { Region } from '../../shared/api'
import { HttpProblem } from '../http/problem'
import type { RegionTree } from './region-tree'

/** The region of `code`, or a 404 `unknown_region` problem naming the province. */
export function knownRegion(regions: RegionTree, code: string): Region {
  const region = regions.get(code)
  if (region === undefined) {
    throw new HttpProblem(404, 'Unknown region', `region ${code} is not a map region of ${regions.province.name} (${regions.province.code})`, undefined, 'unknown_region')
  }
  return region
}
