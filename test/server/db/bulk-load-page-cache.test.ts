// A first start that will load a year of demo history opens its new embedded database with a
// larger page cache; any later start, or a start into a folder that exists, keeps PGlite's default.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/database'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-page-cache-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

async function pageCacheOfOpening(bulkLoadWhenNew: boolean): Promise<string> {
  const handle = await openDatabase({ databaseUrl: undefined, dataDir, bulkLoadWhenNew })
  try {
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(handle.db)
    return rows[0]!.shared_buffers
  } finally {
    await handle.close()
  }
}

it('gives a new folder for a bulk load a 1GB page cache, and the default once the folder is there', async () => {
  expect(await pageCacheOfOpening(true)).toBe('1GB')
  expect(await pageCacheOfOpening(true)).toBe('128MB')
}, 90_000)
