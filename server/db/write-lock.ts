// One writer at a time across instances (ingest and the deadline sweeper), so counters stay
// exact, and the order in which their commits happened, for whoever keeps copies of figures.
import { type Kysely, sql } from 'kysely'
import type { Database } from './schema'

/** The advisory lock every writer of records, clocks or counters holds until it commits. */
export const WRITE_LOCK = 7_240_001

export async function lockWrites(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(db)
}

/** The next commit generation; under the write lock, so generations follow the order of commits. */
export async function nextCommitGeneration(db: Kysely<Database>): Promise<number> {
  const row = await db.updateTable('commit_generation').set((eb) => ({ value: eb('value', '+', 1) })).returning('value').executeTakeFirstOrThrow()
  return Number(row.value)
}
