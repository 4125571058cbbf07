// Frozen: never edit a migration that has shipped; add a new one.
// Runs one statement after taking a transaction-level advisory lock, in one round trip.
// Ingest writes a batch of new records this way: the lock is then held only while the
// server works, never while a reply crosses to the application and back. The statement
// sees every commit made before the lock was granted: a volatile function's statements
// each take a snapshot of their own, where the calling statement's was taken before the
// wait. It takes its values as $1 … $4 (text) and answers the first column of its first
// row, as text.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function after_advisory_lock(lock_key bigint, statement text, a text, b text, c text, d text) returns text
    language plpgsql volatile as $$
      declare answer text;
      begin
        perform pg_advisory_xact_lock(lock_key);
        execute statement into answer using a, b, c, d;
        return answer;
      end
    $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function after_advisory_lock(bigint, text, text, text, text, text)`.execute(db)
}
