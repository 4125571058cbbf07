// Frozen: never edit a migration that has shipped; add a new one.
// food_failures' category clusters read a city's food sampling records of the last 7 days,
// passed ones too (their batches are the denominator): the ticker index holds only the
// failed ones. Partial: food sampling is a minority of the records, so ingest maintains
// this index for few of them.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index records_food_sampling on records (region_code, event_at) where type = 'food_sampling'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_food_sampling').execute()
}
