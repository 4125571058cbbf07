// A county seen from within its own scope: its city's map draws the neighbouring counties, but
// their figures are the city's data, which such a principal may not read (the server refuses the
// city's view). The map then holds the county's own figures alone, as its one child region.
import type { LiveSnapshot } from '../../../shared/live'

/** The county's snapshot as the map of its parent would read it: every breakdown and campaign with the county as the only child. */
export function ownMapSnapshot(own: LiveSnapshot): LiveSnapshot {
  const breakdowns = Object.fromEntries(
    Object.entries(own.breakdowns).map(([key, breakdown]) => [key, { ...breakdown, children: [{ rank: 1, code: breakdown.region.code, name: breakdown.region.name, ...breakdown.total }] }]),
  ) as LiveSnapshot['breakdowns']
  const campaigns = own.campaigns.map((progress) => ({ ...progress, children: [progress.totals] }))
  return { ...own, breakdowns, campaigns }
}
