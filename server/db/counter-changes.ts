// Counter changes wait in counter_changes as (region, {metric: {day: change}}) until they
// are folded into the day and month tables. Metrics' folding and sums, and the overdue
// count of clocks/, all read them so: a read must see changes not folded yet.
import { type RawBuilder, sql } from 'kysely'

/** counter_changes rows (or rows of that shape) as (region_code, metric, day, value). */
export function unfoldedChanges(rows: RawBuilder<unknown>): RawBuilder<{ region_code: string; metric: string; day: string; value: number }> {
  return sql`
    select c.region_code, m.key as metric, d.key::date as day, d.value::bigint as value
    from ${rows} as c cross join lateral jsonb_each(c.changes) as m cross join lateral jsonb_each_text(m.value) as d`
}
