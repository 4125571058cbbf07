// Frozen: never edit a migration that has shipped; add a new one.
// Access: people (users), integration keys (api_keys), wall PCs (screens), and an
// append-only audit log of what was granted and revoked. Secrets are stored only as
// hashes. Region codes are checked against the region tree by the code that writes them,
// not by a foreign key: a scope outside the configured province must deny, not vanish.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('admin', 'leader', 'duty_officer', 'region_officer')`))
    .addColumn('region_code', 'text', (col) => col.notNull().check(sql`region_code ~ '^[1-9][0-9]{5}$'`))
    .addColumn('disabled', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()

  const tokenHolderTable = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('region_code', 'text', (col) => col.notNull().check(sql`region_code ~ '^[1-9][0-9]{5}$'`))
      .addColumn('token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
      .addColumn('last_used_at', 'timestamptz')
      .addColumn('revoked_at', 'timestamptz')
  await tokenHolderTable('api_keys').execute()
  await tokenHolderTable('screens').addColumn('playlist', 'text').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('detail', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  // A trigger, not a revoked privilege: the application's own database role owns the table,
  // and an owner keeps every privilege. The trigger holds on PGlite and PostgreSQL alike.
  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op;
      end
    $$`.execute(db)
  await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_refuse_change()`.execute(db)
  await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
  await sql`drop function audit_log_refuse_change()`.execute(db)
  for (const table of ['screens', 'api_keys', 'users']) await db.schema.dropTable(table).execute()
}
