// A batch of new records is written in one statement under the lock, on the word of a read
// without it. The statement must write nothing when that word no longer holds under the
// lock: a record stored meanwhile, or the sweep moved on (the counters were worked out
// with the old watermark). The service then plans the batch record by record.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IngestRecord } from '../../../shared/records'
import { sweepDeadlines } from '../../../server/clocks/deadline-sweeper'
import { RecordVersion, nextHistory } from '../../../server/ingest/record-version'
import { type NewRecordsWrite, storedAnyOf, writeIfAllNew, writeRecords } from '../../../server/ingest/records-repository'
import { lockWrites } from '../../../server/db/write-lock'
import { expectCountersToMatchRecomputation } from '../../support/recompute-counters'
import { complaint } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const ZONE = 'Asia/Shanghai'

describe.each(testDatabaseKinds())('a batch of new records on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  const stored = async (id: string) => (await testApp.app.database.db.selectFrom('records').select('id').where('id', '=', id).execute()).length
  const asNewWrite = (records: readonly IngestRecord[], watermark: string): NewRecordsWrite => {
    const versions = records.map((record) => new RecordVersion(record, nextHistory([], record), ZONE))
    return { rows: versions.map((version) => version.row), openClockRows: versions.flatMap((version) => version.openClockRows), counterChanges: undefined, watermark }
  }

  it('writes nothing when one of its records was stored after the read', async () => {
    const record = complaint({ id: 'C-stored-meanwhile' })
    const read = await storedAnyOf(testApp.app.database.db, [record])
    await testApp.app.ingest.ingest([record], { partial: false })
    const other = complaint({ id: 'C-beside-stored-meanwhile' })
    expect(await writeIfAllNew(testApp.app.database.db, asNewWrite([other, record], read.watermark))).toBeNull()
    expect(await stored('C-beside-stored-meanwhile')).toBe(0)
  })

  it('writes nothing when the sweep moved on after the read', async () => {
    const record = complaint({ id: 'C-swept-meanwhile' })
    const read = await storedAnyOf(testApp.app.database.db, [record])
    await sweepDeadlines(testApp.app.database.db, testApp.app.regions, ZONE, new Date(Date.now() + 60_000))
    expect(await writeIfAllNew(testApp.app.database.db, asNewWrite([record], read.watermark))).toBeNull()
    expect(await stored('C-swept-meanwhile')).toBe(0)
    // Through the service the same batch is then planned under the lock, with the watermark read there.
    expect((await testApp.app.ingest.ingest([record], { partial: false })).accepted).toBe(1)
    await expectCountersToMatchRecomputation(testApp.app)
  })

  // Only a server has two connections; on PGlite nothing can commit while a statement waits.
  if (kind === 'postgres') it('sees a record committed while it waited for the lock', async () => {
    const { db } = testApp.app.database
    const record = complaint({ id: 'C-committed-while-waiting' })
    const read = await storedAnyOf(db, [record])
    let lockTaken!: () => void
    const taken = new Promise<void>((resolve) => (lockTaken = resolve))
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const holder = db.transaction().execute(async (trx) => {
      await lockWrites(trx)
      lockTaken()
      await released
      await writeRecords(trx, { inserted: [new RecordVersion(record, nextHistory([], record), ZONE).row], changed: [] })
    })
    await taken
    const write = writeIfAllNew(db, asNewWrite([record], read.watermark))
    await sleep(200) // long enough for the statement to be waiting for the lock
    release()
    await holder
    expect(await write).toBeNull()
    await db.deleteFrom('records').where('id', '=', 'C-committed-while-waiting').execute()
  })
})
