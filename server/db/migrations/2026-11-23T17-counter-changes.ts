// Frozen: never edit a migration that has shipped; add a new one.
// Ingest appends counter changes (cheap inserts) in its own transaction; a folder
// moves them into the day and month tables in bulk, where many batches' changes to
// the same counter become one update. Reads add the changes not yet folded, so a
// figure is exact at every moment.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // One row per region per ingest transaction: {metric: {day: change}}. A few hundred
  // small rows per batch instead of a row per counter.
  await db.schema
    .createTable('counter_changes')
    .addColumn('region_code', 'char(6)', (col) => col.notNull())
    .addColumn('changes', 'jsonb', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('counter_changes_region').on('counter_changes').column('region_code').execute()
  // Folding updates the same rows again and again: room on each page keeps those updates HOT.
  for (const table of ['metric_counts_daily', 'metric_counts_monthly']) await sql`alter table ${sql.table(table)} set (fillfactor = 70)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('counter_changes').execute()
}
