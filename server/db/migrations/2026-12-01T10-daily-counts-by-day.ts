// Frozen: never edit a migration that has shipped; add a new one.
// The live hub reads one day of every region at once (what today's commits touched);
// the primary key leads with the region, so that read scanned the whole table.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('metric_counts_daily_day').on('metric_counts_daily').column('day').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('metric_counts_daily_day').execute()
}
