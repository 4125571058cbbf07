// The configured province's region tree as the app builds it, without an app.
import { RegionTree, loadProvinceDivisions } from '../../../server/regions/region-tree'
import { estimateReferenceFigures, loadGivenFigures } from '../../../server/regions/reference-figures'

export function sichuanTree(): RegionTree {
  const divisions = loadProvinceDivisions('510000')
  return new RegionTree(divisions, estimateReferenceFigures(divisions, loadGivenFigures('510000', undefined)))
}

export const at = (time: string) => Date.parse(time)

/** the time a record becomes known: its status time, or when the inspection (or its hazard fix) happened */
export function knownAt(record: { type: string } & Record<string, unknown>): number {
  const time = record.statusAt ?? record.hazardFixedAt ?? record.occurredAt
  return typeof time === 'string' ? Date.parse(time) : -Infinity
}
