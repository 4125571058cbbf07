// Frozen: never edit a migration that has shipped; add a new one.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Every record as last received, keyed by the source system's id.
  await db.schema
    .createTable('records')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('region_code', 'char(6)', (col) => col.notNull())
    .addColumn('event_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text')
    .addColumn('status_at', 'timestamptz')
    .addColumn('content', 'jsonb', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('ingested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('records_pk', ['type', 'id'])
    .execute()
  await db.schema.createIndex('records_updated_at').on('records').column('updated_at').execute()

  // Each lifecycle status a record reached, and when: deadlines and on-time rates need the history.
  await db.schema
    .createTable('record_steps')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('status_at', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('record_steps_pk', ['type', 'id', 'status'])
    .execute()

  // Additive counters (numerators and denominators) per region × metric × day, kept for
  // every level of the tree; money in fen. Months are the coarser bucket for long periods.
  for (const [table, bucket] of [
    ['metric_counts_daily', 'day'],
    ['metric_counts_monthly', 'month'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('region_code', 'char(6)', (col) => col.notNull())
      .addColumn('metric', 'text', (col) => col.notNull())
      .addColumn(bucket, 'date', (col) => col.notNull())
      .addColumn('value', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['region_code', 'metric', bucket])
      .execute()
  }

  // Statutory clocks of lifecycle records. Open ones are few and found by due time.
  await db.schema
    .createTable('deadlines')
    .addColumn('record_type', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('clock', 'text', (col) => col.notNull())
    .addColumn('region_code', 'char(6)', (col) => col.notNull())
    .addColumn('starts_at', 'timestamptz', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('done_at', 'timestamptz')
    .addPrimaryKeyConstraint('deadlines_pk', ['record_type', 'record_id', 'clock'])
    .execute()
  await sql`create index deadlines_open_due on deadlines (due_at) where done_at is null`.execute(db)
  await sql`create index deadlines_open_region on deadlines (region_code, due_at) where done_at is null`.execute(db)

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('region_code', 'char(6)', (col) => col.notNull())
    .addColumn('starts_on', 'date', (col) => col.notNull())
    .addColumn('ends_on', 'date', (col) => col.notNull())
    .addColumn('domains', 'jsonb', (col) => col.notNull())
    .execute()
  // Targets at every level: a city's is the sum of its counties' when those are given.
  await db.schema
    .createTable('campaign_targets')
    .addColumn('campaign_id', 'text', (col) => col.notNull())
    .addColumn('region_code', 'char(6)', (col) => col.notNull())
    .addColumn('inspections', 'integer')
    .addColumn('cases', 'integer')
    .addPrimaryKeyConstraint('campaign_targets_pk', ['campaign_id', 'region_code'])
    .execute()

  // Counters include every deadline that passed up to this instant; the sweeper moves it on.
  await db.schema
    .createTable('sweep_watermark')
    .addColumn('singleton', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('swept_until', 'timestamptz', (col) => col.notNull())
    .execute()
  await sql`insert into sweep_watermark (singleton, swept_until) values (true, now())`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sweep_watermark', 'campaign_targets', 'campaigns', 'deadlines', 'metric_counts_monthly', 'metric_counts_daily', 'record_steps', 'records']) {
    await db.schema.dropTable(table).execute()
  }
}
