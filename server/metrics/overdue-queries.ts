// Open statutory clocks past their deadline: state, not a counter, so it is counted
// from `open_clocks` at read time (only running clocks are kept there).
import type { Kysely } from 'kysely'
import type { Region } from '../../shared/api'
import type { Database } from '../db/schema'

/** per clock name, and `total` */
export type OverdueCounts = Record<string, number>

/**
 * The code prefix shared by a region and everything under it: GB/T 2260 codes nest
 * (51 province, 5101 city, 510104 county), and records may sit at any level.
 */
export function subtreePrefix(region: Pick<Region, 'code' | 'level'>): string {
  if (region.level === 'province') return region.code.slice(0, 2)
  if (region.level === 'city') return region.code.slice(0, 4)
  return region.code
}

/** Overdue open items under `parent` in all, and under each of its `children`; one query. */
export async function countOverdueOpen(
  db: Kysely<Database>,
  parent: Pick<Region, 'code' | 'level'>,
  children: readonly Pick<Region, 'code' | 'level'>[],
  now: Date,
): Promise<{ total: OverdueCounts; byChild: Map<string, OverdueCounts> }> {
  const rows = await db
    .selectFrom('open_clocks')
    .select(['region_code', 'clock', (eb) => eb.fn.countAll<number>().as('count')])
    .where('due_at', '<', now)
    .where('region_code', 'like', `${subtreePrefix(parent)}%`)
    .groupBy(['region_code', 'clock'])
    .execute()
  const total: OverdueCounts = { total: 0 }
  const byChild = new Map<string, OverdueCounts>(children.map((child) => [child.code, { total: 0 }]))
  const prefixes = children.map((child) => [child.code, subtreePrefix(child)] as const)
  const add = (counts: OverdueCounts, clock: string, count: number) => {
    counts[clock] = (counts[clock] ?? 0) + count
    counts.total = (counts.total ?? 0) + count
  }
  for (const row of rows) {
    const count = Number(row.count)
    add(total, row.clock, count)
    // Items filed at the parent's own code belong to no child but still to the parent.
    const owner = prefixes.find(([, prefix]) => row.region_code.startsWith(prefix))
    if (owner !== undefined) add(byChild.get(owner[0]) as OverdueCounts, row.clock, count)
  }
  return { total, byChild }
}
