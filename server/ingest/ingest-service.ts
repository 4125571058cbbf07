// Writes validated records in one transaction together with every counter and
// clock they move. Nothing is acknowledged before it is committed; a retried
// record is a duplicate, a later lifecycle step an update, an older one ignored.
import { setImmediate as nextTurn } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { IngestRecord, IngestResult } from '../../shared/records'
import type { Database } from '../db/schema'
import { settleAll } from '../db/settle-all'
import { sweptUntil, writeOpenClocks } from '../clocks/open-clocks-repository'
import { clocksOf } from '../clocks/statutory-clocks'
import { addContributions } from '../metrics/contributions'
import { CounterChanges } from '../counters/counter-store'
import { lockWrites, nextCommitGeneration } from '../db/write-lock'
import type { RegionTree } from '../regions/region-tree'
import type { Topic } from '../events/topic'
import type { RecordsCommitted } from '../events/records-committed'
import { campaignTargets } from './campaign-targets'
import { BatchPlan, type RecordWrite } from './batch-plan'
import { type RecordRow, RecordVersion, nextHistory } from './record-version'
import {
  type NewRecordsWrite,
  type StoredAnyOf,
  type StoredRecord,
  existingCampaignIds,
  loadStoredRecords,
  recordKey,
  storedAnyOf,
  writeCampaign,
  writeIfAllNew,
  writeRecords,
} from './records-repository'

declare module 'fastify' {
  interface FastifyInstance {
    ingest: IngestService
  }
}

export interface IngestOptions {
  /** write the valid records and report the rest; otherwise any error writes nothing */
  partial: boolean
}

export class IngestService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly regions: RegionTree,
    private readonly timeZone: string,
    private readonly committed: Topic<RecordsCommitted>,
  ) {}

  async ingest(records: readonly IngestRecord[], options: IngestOptions): Promise<IngestResult> {
    // Whether any record is stored is asked at once: the answer comes while the versions are worked out.
    const storedRead = this.#mayBeAllNew(records) ? storedAnyOf(this.db, records) : undefined
    storedRead?.catch(() => {}) // awaited below; this keeps a failure meanwhile from counting as unhandled
    // Before the transaction, as if every record were new: most are, and this work then
    // overlaps the database time of a batch that holds the lock.
    const asNew: RecordVersion[] = []
    for (const record of records) {
      // In slices: a batch holding the lock gets the thread back between them.
      if (asNew.length % PREPARE_SLICE === PREPARE_SLICE - 1) await nextTurn()
      asNew.push(new RecordVersion(record, nextHistory([], record), this.timeZone))
    }
    const fresh = storedRead === undefined ? undefined : await this.#asAllNew(asNew, await storedRead)
    if (fresh !== undefined) {
      const generation = await writeIfAllNew(this.db, fresh.write)
      if (generation !== null) {
        this.committed.publish({ generation, records, changes: fresh.changes.deltas() })
        return { accepted: records.length, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] }
      }
    }
    const changes = new CounterChanges(this.regions)
    let result: IngestResult | undefined
    let written: IngestRecord[] = []
    let generation = 0
    await this.db.transaction().execute(async (trx) => {
      // Queued together on the transaction's connection, so they run as soon as the lock is
      // granted; the stored records come in slices, each planned while the next is read.
      const locked = lockWrites(trx)
      const watermarkRead = sweptUntil(trx)
      const campaignsRead = existingCampaignIds(trx, campaignIdsOf(records))
      const probes = Array.from({ length: Math.ceil(records.length / PROBE_SLICE) }, (_, slice) => loadStoredRecords(trx, records.slice(slice * PROBE_SLICE, (slice + 1) * PROBE_SLICE)))
      for (const probe of probes) probe.catch(() => {}) // settled below, whatever happens; this keeps a failure meanwhile from counting as unhandled
      try {
        const [, watermark, campaignIds] = await settleAll([locked, watermarkRead, campaignsRead])
        const plan = new BatchPlan(records, asNew, this.regions, this.timeZone, campaignIds)
        const stored = new Map<string, StoredRecord>()
        for (const [slice, probe] of probes.entries()) {
          for (const [key, found] of await probe) stored.set(key, found)
          plan.plan(slice * PROBE_SLICE, Math.min(records.length, (slice + 1) * PROBE_SLICE), stored)
        }
        result = plan.result()
        if (result.rejected > 0 && !options.partial) {
          Object.assign(result, { accepted: 0, updated: 0, duplicates: 0, stale: 0 })
          return
        }
        written = plan.written()
        await this.#write(trx, plan.writes, watermark, changes)
        if (written.length > 0) generation = await nextCommitGeneration(trx)
      } finally {
        // The transaction must not end while a probe is still on its way (see settleAll).
        await Promise.allSettled(probes)
      }
    })
    if (written.length > 0) this.committed.publish({ generation, records: written, changes: changes.deltas() })
    return result as IngestResult
  }

  /**
   * A batch of new records only, the common case of a feed, is written in one statement
   * under the lock: its counter changes and rows are worked out before the lock, on the
   * word of a read without it that none of its records is stored. The statement checks
   * that word again under the lock (see writeIfAllNew). Other batches are planned record
   * by record under the lock: one with a record sent twice, refused, or a campaign.
   */
  #mayBeAllNew(records: readonly IngestRecord[]): boolean {
    const keys = new Set<string>()
    for (const record of records) {
      if (record.type === 'campaign' || (record as { campaignId?: string }).campaignId !== undefined || !this.regions.has(record.regionCode)) return false
      keys.add(recordKey(record))
    }
    return keys.size === records.length
  }

  /** The writes of a batch none of whose records is stored, by `storedAnyOf`; undefined when one is. */
  async #asAllNew(asNew: readonly RecordVersion[], read: StoredAnyOf): Promise<{ write: NewRecordsWrite; changes: CounterChanges } | undefined> {
    if (read.stored) return undefined
    const changes = new CounterChanges(this.regions)
    for (const [index, version] of asNew.entries()) {
      if (index % PREPARE_SLICE === PREPARE_SLICE - 1) await nextTurn()
      addContributions(version.record, version.history, read.sweptUntil, this.timeZone, version.clocks, changes.sink(version.record.regionCode, 1))
    }
    return {
      changes,
      write: { rows: asNew.map((version) => version.row), openClockRows: asNew.flatMap((version) => version.openClockRows), counterChanges: changes.json(), watermark: read.watermark },
    }
  }

  /** The records, their clocks and counters, and campaigns, under the lock. */
  async #write(trx: Kysely<Database>, writes: ReadonlyMap<string, RecordWrite>, watermark: Date, changes: CounterChanges): Promise<void> {
    // The writes go out now; PostgreSQL carries them out while the counters are worked out here.
    const inserted: RecordRow[] = []
    const changed: RecordRow[] = []
    const replaced: IngestRecord[] = []
    for (const { version, replaces } of writes.values()) {
      if (replaces === undefined) inserted.push(version.row)
      else {
        changed.push(version.row)
        replaced.push(replaces.record)
      }
    }
    const writesDone = settleAll([
      writeRecords(trx, { inserted, changed }),
      writeOpenClocks(trx, replaced, [...writes.values()].flatMap(({ version }) => version.openClockRows)),
    ])
    writesDone.catch(() => {}) // awaited below; this keeps a failure meanwhile from counting as unhandled
    // Let the statements leave before this loop takes the thread.
    await nextTurn()
    for (const { version, replaces } of writes.values()) {
      if (replaces !== undefined) {
        const { record, history } = replaces
        addContributions(record, history, watermark, this.timeZone, clocksOf(record, history, this.timeZone), changes.sink(record.regionCode, -1))
      }
      addContributions(version.record, version.history, watermark, this.timeZone, version.clocks, changes.sink(version.record.regionCode, 1))
    }
    await settleAll([writesDone, changes.write(trx)])
    for (const { version } of writes.values()) {
      const { record } = version
      if (record.type === 'campaign') {
        const { id, name, regionCode, startsOn, endsOn, domains } = record
        await writeCampaign(trx, { id, name, nameEn: record.nameEn ?? null, regionCode, startsOn, endsOn, domains, targets: campaignTargets(record, this.regions) })
      }
    }
  }
}

const PREPARE_SLICE = 250
const PROBE_SLICE = 1000

function campaignIdsOf(records: readonly IngestRecord[]): string[] {
  const ids = new Set<string>()
  for (const record of records) if ('campaignId' in record && record.campaignId !== undefined) ids.add(record.campaignId)
  return [...ids]
}

export interface IngestServiceOptions {
  timeZone: string
}

export default fp<IngestServiceOptions>(
  async (app, options) => {
    app.decorate('ingest', new IngestService(app.database.db, app.regions, options.timeZone, app.events.recordsCommitted))
  },
  { name: 'ingest-service', dependencies: ['database', 'regions', 'events'] },
)
