// Frozen: never edit a migration that has shipped; add a new one.
// The ticker of a region reads its newest complaints, reports, cases and alerting
// records (failed food batches, serious hazards); this index answers that with one
// probe per region. Partial: inspections and passed food batches, most of the
// records, are left out of it, so ingest maintains it for a minority only.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index records_ticker on records (region_code, event_at desc, id desc)
    where (type in ('complaint', 'report', 'case')
      or (type = 'food_sampling' and (content->>'failed')::int > 0)
      or (type = 'inspection' and (content->>'seriousHazard')::boolean))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_ticker').execute()
}
