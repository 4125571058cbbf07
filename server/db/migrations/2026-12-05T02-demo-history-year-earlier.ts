// Frozen: never edit a migration that has shipped; add a new one.
// The demo's first-start history fills this year to date and then the same span a year
// earlier: how far the year earlier got. Null: the history has no year earlier (a
// history of some days), or was planned before there was one.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('demo_history').addColumn('year_earlier_filled_until', 'timestamptz').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('demo_history').dropColumn('year_earlier_filled_until').execute()
}
