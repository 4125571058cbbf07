// Frozen: never edit a migration that has shipped; add a new one.
// 调解成功率 divided successes by every accepted complaint, mediations still running
// included. Its counters become the outcomes of concluded mediations, on the day each
// concluded (complaints.mediation.succeeded / .failed); complaints.mediated, counted on
// the acceptance day, goes. The stored complaints are counted here once, at every level
// of the tree, as ingest will count them from now on.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await dropCounters(db, ['complaints.mediated'])
  // Days in China's time zone, as the earlier counter migrations place them.
  await sql`
    insert into counter_changes (region_code, changes)
    with recursive chain (own, code, parent_code) as (
      select code, code, parent_code from regions
      union all
      select chain.own, r.code, r.parent_code from chain join regions r on r.code = chain.parent_code
    ),
    outcome as (
      select distinct on (c.type, c.id) c.region_code, s.step->>'status' as status, (s.step->>'statusAt')::timestamptz as at
      from records c cross join lateral jsonb_array_elements(c.steps) with ordinality as s(step, position)
      where c.type = 'complaint' and s.step->>'status' in ('mediated', 'mediation_ended')
      order by c.type, c.id, s.position
    ),
    per_day as (
      select chain.code, case o.status when 'mediated' then 'complaints.mediation.succeeded' else 'complaints.mediation.failed' end as metric,
        (o.at at time zone 'Asia/Shanghai')::date::text as day, count(*) as n
      from outcome o join chain on chain.own = o.region_code
      group by 1, 2, 3
    ),
    per_metric as (select code, metric, jsonb_object_agg(day, n) as days from per_day group by code, metric)
    select code, jsonb_object_agg(metric, days) from per_metric group by code`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  // The acceptance-day counter is not rebuilt: a rollback leaves 调解成功率 without successes until data is ingested again.
  await dropCounters(db, ['complaints.mediation.succeeded', 'complaints.mediation.failed'])
}

async function dropCounters(db: Kysely<any>, counters: readonly string[]): Promise<void> {
  await sql`update counter_changes set changes = changes - ${counters}::text[]`.execute(db)
  for (const table of ['metric_counts_daily', 'metric_counts_monthly']) {
    await sql`delete from ${sql.table(table)} where metric in (${sql.join(counters)})`.execute(db)
  }
}
