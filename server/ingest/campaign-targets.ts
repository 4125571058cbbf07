// Campaign targets at every level of the campaign's region: counties as given,
// a city the sum of its counties when those are given, the top the sum below it.
import type { CampaignRecord } from '../../shared/records'
import type { RegionTree } from '../regions/region-tree'

export type TargetKind = 'inspections' | 'cases'
export type Targets = Map<string, { inspections: number | null; cases: number | null }>

const KINDS: TargetKind[] = ['inspections', 'cases']

export function campaignTargets(campaign: CampaignRecord, regions: RegionTree): Targets {
  const targets: Targets = new Map()
  for (const target of campaign.targets) {
    targets.set(target.regionCode, { inspections: target.inspections ?? null, cases: target.cases ?? null })
  }
  // Deepest first, so a city is summed from its counties before the province from its cities.
  const levels = [...targets.keys()].flatMap((code) => regions.ancestors(code).map((ancestor) => ancestor.code))
  const parents = [...new Set(levels)]
    .filter((code) => code === campaign.regionCode || regions.ancestors(code).some((ancestor) => ancestor.code === campaign.regionCode))
    .sort((a, b) => regions.ancestors(b).length - regions.ancestors(a).length)
  for (const parent of parents) {
    const children = regions.children(parent).map((child) => targets.get(child.code)).filter((target) => target !== undefined)
    if (children.length === 0) continue
    const own = targets.get(parent) ?? { inspections: null, cases: null }
    for (const kind of KINDS) {
      const given = children.map((child) => child[kind]).filter((value) => value !== null)
      if (given.length > 0) own[kind] = given.reduce((sum, value) => sum + value, 0)
    }
    targets.set(parent, own)
  }
  return targets
}
