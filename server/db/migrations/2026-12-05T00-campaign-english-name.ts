// Frozen: never edit a migration that has shipped; add a new one.
// A campaign may name itself in English too, for the English wall (null: the Chinese name stands).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('name_en', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('name_en').execute()
}
