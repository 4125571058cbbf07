// A shutdown never waits for ever on a connection that is not given back.
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { POOL_END_TIMEOUT_MS, endPool } from '../../../server/db/pool-end'
import { testDatabaseKinds } from '../../support/test-databases'

describe.skipIf(!testDatabaseKinds().includes('postgres'))('endPool', () => {
  it('ends a pool whose connections are all back', async () => {
    const pool = new pg.Pool({ connectionString: inject('postgresAdminUrl') ?? '' })
    await pool.query('select 1')
    await expect(endPool(pool, 'test pool')).resolves.toBeUndefined()
  })

  it('says which pool could not end and why, instead of waiting for ever', async () => {
    const pool = new pg.Pool({ connectionString: inject('postgresAdminUrl') ?? '' })
    const kept = await pool.connect()
    const started = Date.now()
    await expect(endPool(pool, 'test pool')).rejects.toThrow(/test pool did not end within 10 s: 1 connection\(s\) still in use/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(POOL_END_TIMEOUT_MS - 50)
    kept.release()
  }, POOL_END_TIMEOUT_MS + 5_000)
})
