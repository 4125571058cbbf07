// Frozen: never edit a migration that has shipped; add a new one.
// Ingest writes each record as one row: its lifecycle history moves into the row
// (one insert instead of one per step), a retry is told from a change by comparing
// contents of the few records already stored (no hash of every record), and an
// index nothing reads goes. Only open statutory clocks are kept: met ones are
// already in the counters, and nothing else reads them.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('records').addColumn('steps', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`)).execute()
  await sql`
    update records r set steps = s.steps
    from (
      select type, id, jsonb_agg(jsonb_build_object('status', status, 'statusAt', status_at) order by status_at) as steps
      from record_steps group by type, id
    ) s
    where s.type = r.type and s.id = r.id`.execute(db)
  await db.schema.dropTable('record_steps').execute()
  await db.schema.alterTable('records').dropColumn('content_hash').execute()
  await db.schema.dropIndex('records_updated_at').execute()

  await db.schema
    .createTable('open_clocks')
    .addColumn('record_type', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('clock', 'text', (col) => col.notNull())
    .addColumn('region_code', 'char(6)', (col) => col.notNull())
    .addColumn('starts_at', 'timestamptz', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('open_clocks_pk', ['record_type', 'record_id', 'clock'])
    .execute()
  await db.schema.createIndex('open_clocks_due').on('open_clocks').column('due_at').execute()
  await db.schema.createIndex('open_clocks_region_due').on('open_clocks').columns(['region_code', 'due_at']).execute()
  await sql`
    insert into open_clocks (record_type, record_id, clock, region_code, starts_at, due_at)
    select record_type, record_id, clock, region_code, starts_at, due_at from deadlines where done_at is null`.execute(db)
  await db.schema.dropTable('deadlines').execute()
}

export async function down(): Promise<void> {
  throw new Error('2026-11-23T16-lean-records cannot be undone: restore a backup taken before it')
}
