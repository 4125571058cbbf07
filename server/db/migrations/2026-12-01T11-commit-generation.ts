// Frozen: never edit a migration that has shipped; add a new one.
// A number that every commit changing counters raises by one, under the ingest lock: a
// read that returns it says which commits its figures hold, so the live hub can add a
// later commit's changes to what it keeps instead of reading again.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commit_generation')
    .addColumn('singleton', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('value', 'bigint', (col) => col.notNull())
    .execute()
  await sql`insert into commit_generation (singleton, value) values (true, 0)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commit_generation').execute()
}
