// Frozen: never edit a migration that has shipped; add a new one.
// Overdue open items become counters (clock.<name>.overdue_open on the due day, at
// every level of the tree), kept by the sweeper and by ingest like every other
// counter, so a province's overdue count reads a few rows instead of counting every
// open clock. The clocks already past the sweep watermark are counted here once.
// The region index of open_clocks served only that count and goes.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Days in China's time zone: the day only places the count; reads sum all days.
  await sql`
    insert into counter_changes (region_code, changes)
    with recursive chain (own, code, parent_code) as (
      select code, code, parent_code from regions
      union all
      select chain.own, r.code, r.parent_code from chain join regions r on r.code = chain.parent_code
    ),
    per_day as (
      select chain.code, 'clock.' || o.clock || '.overdue_open' as metric, (o.due_at at time zone 'Asia/Shanghai')::date::text as day, count(*) as n
      from open_clocks o join chain on chain.own = o.region_code
      where o.due_at <= (select swept_until from sweep_watermark)
      group by 1, 2, 3
    ),
    per_metric as (select code, metric, jsonb_object_agg(day, n) as days from per_day group by code, metric)
    select code, jsonb_object_agg(metric, days) from per_metric group by code`.execute(db)
  await db.schema.dropIndex('open_clocks_region_due').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update counter_changes set changes = changes - ${OVERDUE_COUNTERS}::text[]`.execute(db)
  for (const table of ['metric_counts_daily', 'metric_counts_monthly']) {
    await sql`delete from ${sql.table(table)} where metric in (${sql.join(OVERDUE_COUNTERS)})`.execute(db)
  }
  await db.schema.createIndex('open_clocks_region_due').on('open_clocks').columns(['region_code', 'due_at']).execute()
}

// Spelled out: a migration must not change when the code it was written with does.
const OVERDUE_COUNTERS = ['complaint_acceptance', 'complaint_closure', 'report_check', 'case_decision'].map((clock) => `clock.${clock}.overdue_open`)
