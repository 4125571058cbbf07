// Open statutory clocks past their deadline: a state, kept as counters on the due day
// (an item leaves them when it is met), so a province reads a few rows, not every
// open item.
import { type Kysely, sql } from 'kysely'
import type { Region } from '../../shared/api'
import { unfoldedChanges } from '../db/counter-changes'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { CLOCK_COUNTERS, CLOCK_NAMES } from './statutory-clocks'

/** per clock name, and `total` */
export type OverdueCounts = Record<string, number>

const OVERDUE_COUNTERS = new Map(CLOCK_NAMES.map((clock) => [CLOCK_COUNTERS[clock].overdueOpen, clock]))

/**
 * Overdue open items under each subject region, in one statement (one snapshot): the
 * overdue-open counters, kept by the sweeper and by ingest up to the sweep watermark,
 * plus the open clocks that fell due since then, so an item is overdue the moment it
 * crosses its deadline. Every subject is in the answer, with zeros where none is overdue.
 */
export async function countOverdueOpen(db: Kysely<Database>, regions: RegionTree, subjects: readonly Pick<Region, 'code' | 'level'>[], now: Date): Promise<Map<string, OverdueCounts>> {
  const counts = new Map<string, OverdueCounts>(subjects.map((subject) => [subject.code, { total: 0 }]))
  if (subjects.length === 0) return counts
  const codes = subjects.map((subject) => subject.code)
  const counters = [...OVERDUE_COUNTERS.keys()]
  const { rows } = await sql<{ code: string; name: string; count: number }>`
    select code, name, sum(value)::bigint as count from (
      select region_code as code, metric as name, value from metric_counts_monthly where region_code in (${sql.join(codes)}) and metric in (${sql.join(counters)})
      union all
      select region_code, metric, value from (${unfoldedChanges(sql`counter_changes`)}) as unfolded where region_code in (${sql.join(codes)}) and metric in (${sql.join(counters)})
      union all
      select s.code, o.clock, 1 from open_clocks o
      join (values ${sql.join(subjects.map((subject) => sql`(${subject.code}, ${`${regions.subtreePrefix(subject.code)}%`})`))}) as s (code, pattern) on o.region_code like s.pattern
      where o.due_at > (select swept_until from sweep_watermark) and o.due_at < ${now}
    ) as overdue
    group by code, name`.execute(db)
  for (const row of rows) {
    const subject = counts.get(row.code)
    const clock = OVERDUE_COUNTERS.get(row.name) ?? row.name
    const count = Number(row.count)
    if (subject === undefined || count === 0) continue
    subject[clock] = (subject[clock] ?? 0) + count
    subject.total = (subject.total ?? 0) + count
  }
  return counts
}
