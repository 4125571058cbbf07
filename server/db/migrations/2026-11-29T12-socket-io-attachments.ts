// Frozen: never edit a migration that has shipped; add a new one.
// The socket.io PostgreSQL adapter (several instances serving the same screens) sends
// packets too large for a NOTIFY through this table. Harmless on the embedded database,
// which serves one instance.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('socket_io_attachments').execute()
}
