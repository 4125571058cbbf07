// Frozen: never edit a migration that has shipped; add a new one.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'char(6)', (col) => col.primaryKey())
    .addColumn('parent_code', 'char(6)')
    .addColumn('level', 'text', (col) => col.notNull().check(sql`level in ('province', 'city', 'county')`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('population', 'bigint', (col) => col.notNull().check(sql`population >= 0`))
    .addColumn('market_entities', 'bigint', (col) => col.notNull().check(sql`market_entities >= 0`))
    .addColumn('population_estimated', 'boolean', (col) => col.notNull())
    .addColumn('market_entities_estimated', 'boolean', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('regions_parent_code').on('regions').column('parent_code').execute()

  await db.schema
    .createTable('region_boundaries')
    .addColumn('code', 'char(6)', (col) => col.primaryKey())
    .addColumn('parent_code', 'char(6)', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('geometry', 'jsonb', (col) => col.notNull())
    .addColumn('source_file', 'text', (col) => col.notNull())
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('region_boundaries_parent_code').on('region_boundaries').column('parent_code').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('region_boundaries').execute()
  await db.schema.dropTable('regions').execute()
}
