// Ingest needs an integrator key (docs/access.md): the one way tests that post records get one,
// made through the same repository as `npm run admin -- create-key`.
import type { FastifyInstance } from 'fastify'
import { createTokenHolder } from '../../server/access/token-holders-repository'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema'
import { buildTestApp } from './test-app'

const PROVINCE = '510000'

/** A new key's bearer token, at `region`. */
export async function createIntegratorToken(db: Kysely<Database>, region = PROVINCE, name = `test key ${region}`): Promise<string> {
  return (await createTokenHolder(db, { kind: 'key', name, region }, 'test:integrator-key')).token
}

// One key per app and region: suites post many times, and each key is a row and an audit entry.
const madeKeys = new WeakMap<FastifyInstance, Map<string, Promise<string>>>()

/** The Authorization header of an integrator key at `region` (the province unless told), made once per app and region. */
export async function integratorHeaders(app: FastifyInstance, region = PROVINCE): Promise<{ authorization: string }> {
  let byRegion = madeKeys.get(app)
  if (byRegion === undefined) madeKeys.set(app, (byRegion = new Map()))
  let token = byRegion.get(region)
  if (token === undefined) byRegion.set(region, (token = createIntegratorToken(app.database.db, region)))
  return { authorization: `Bearer ${await token}` }
}

/**
 * The Authorization header of a key made on a database before a server is started on it as a
 * child process (the embedded database serves one process at a time, so this app closes first).
 */
export async function integratorHeadersOn(env: Record<string, string>, region = PROVINCE): Promise<{ authorization: string }> {
  const app = await buildTestApp(env)
  try {
    return { authorization: `Bearer ${await createIntegratorToken(app.database.db, region)}` }
  } finally {
    await app.close()
  }
}
