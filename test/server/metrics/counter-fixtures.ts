// Writes counter rows the way ingest does (every level of the tree, day and month
// buckets), without going through ingest, so these suites test reads alone.
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../server/db/schema'
import type { RegionTree } from '../../../server/regions/region-tree'

export interface CountOptions {
  /** write only these buckets: to prove which table a read uses */
  buckets?: readonly ('daily' | 'monthly')[]
  /** write only the region itself, not its ancestors */
  ownLevelOnly?: boolean
}

export async function addCount(db: Kysely<Database>, tree: RegionTree, regionCode: string, metric: string, day: string, amount: number, options: CountOptions = {}): Promise<void> {
  const codes = options.ownLevelOnly === true ? [regionCode] : [regionCode, ...tree.ancestors(regionCode).map((region) => region.code)]
  const buckets = options.buckets ?? ['daily', 'monthly']
  for (const region_code of codes) {
    if (buckets.includes('daily')) {
      await db
        .insertInto('metric_counts_daily')
        .values({ region_code, metric, day, value: amount })
        .onConflict((conflict) => conflict.columns(['region_code', 'metric', 'day']).doUpdateSet({ value: sql`metric_counts_daily.value + excluded.value` }))
        .execute()
    }
    if (buckets.includes('monthly')) {
      await db
        .insertInto('metric_counts_monthly')
        .values({ region_code, metric, month: `${day.slice(0, 7)}-01`, value: amount })
        .onConflict((conflict) => conflict.columns(['region_code', 'metric', 'month']).doUpdateSet({ value: sql`metric_counts_monthly.value + excluded.value` }))
        .execute()
    }
  }
}

/** Many counts at once: [regionCode, metric, day, amount] */
export async function addCounts(db: Kysely<Database>, tree: RegionTree, rows: readonly (readonly [string, string, string, number])[]): Promise<void> {
  for (const [regionCode, metric, day, amount] of rows) await addCount(db, tree, regionCode, metric, day, amount)
}
