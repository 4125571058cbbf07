// The cases a restarted demo server finds undecided: its generator takes them on, so
// they decide in their statutory time as if the server had never stopped.
import type { Kysely } from 'kysely'
import type { CaseRecord } from '../../shared/records'
import type { Database } from '../db/schema'

export async function storedOpenCases(db: Kysely<Database>): Promise<CaseRecord[]> {
  const rows = await db.selectFrom('records').select('content').where('type', '=', 'case').where('status', '=', 'opened').execute()
  return rows.map((row) => row.content as CaseRecord)
}
