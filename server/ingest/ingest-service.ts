// Writes validated records in one transaction together with every counter and
// clock they move. Nothing is acknowledged before it is committed; a retried
// record is a duplicate, a later lifecycle step an update, an older one ignored.
import { setImmediate as nextTurn } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { type IngestError, type IngestRecord, type IngestResult, LIFECYCLE_STEPS } from '../../shared/records'
import type { Database } from '../db/schema'
import { settleAll } from '../db/settle-all'
import { addContributions, clocksOf } from '../metrics/contributions'
import { CounterChanges } from '../metrics/counter-store'
import type { RegionTree } from '../regions/region-tree'
import { campaignTargets } from './campaign-targets'
import { canonicalJson } from './canonical-json'
import { RecordVersion, nextHistory } from './record-version'
import { type StoredRecord, existingCampaignIds, loadStoredRecords, lockIngest, recordKey, sweptUntil, writeCampaign, writeOpenClocks, writeRecords } from './records-repository'

declare module 'fastify' {
  interface FastifyInstance {
    ingest: IngestService
  }
}

export interface IngestOptions {
  /** write the valid records and report the rest; otherwise any error writes nothing */
  partial: boolean
}

/** What a committed ingest changed, for whoever keeps screens up to date. */
export interface IngestCommitted {
  regions: ReadonlySet<string>
  records: readonly IngestRecord[]
}

export class IngestService {
  readonly #listeners = new Set<(change: IngestCommitted) => void>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly regions: RegionTree,
    private readonly timeZone: string,
  ) {}

  onCommitted(listener: (change: IngestCommitted) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async ingest(records: readonly IngestRecord[], options: IngestOptions): Promise<IngestResult> {
    const result: IngestResult = { accepted: 0, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] }
    const changes = new CounterChanges(this.regions)
    const written: IngestRecord[] = []
    // Before the lock, as if every record were new: most are, and this work then overlaps
    // the database time of a batch that holds the lock.
    const asNew: RecordVersion[] = []
    for (const record of records) {
      // In slices: a batch holding the lock gets the thread back between them.
      if (asNew.length % PREPARE_SLICE === PREPARE_SLICE - 1) await nextTurn()
      asNew.push(new RecordVersion(record, nextHistory([], record), this.timeZone))
    }

    await this.db.transaction().execute(async (trx) => {
      // Queued together on the transaction's connection, so they run as soon as the lock is
      // granted; the stored records come in slices, each planned while the next is read.
      const locked = lockIngest(trx)
      const watermarkRead = sweptUntil(trx)
      const campaignsRead = existingCampaignIds(trx, campaignIdsOf(records))
      const probes = Array.from({ length: Math.ceil(records.length / PROBE_SLICE) }, (_, slice) => loadStoredRecords(trx, records.slice(slice * PROBE_SLICE, (slice + 1) * PROBE_SLICE)))
      for (const probe of probes) probe.catch(() => {}) // settled below, whatever happens; this keeps a failure meanwhile from counting as unhandled
      try {
        const [, watermark, campaignIds] = await settleAll([locked, watermarkRead, campaignsRead])
        const stored = new Map<string, StoredRecord>()
        const writes = new Map<string, RecordWrite>()
        const reject = (index: number, record: IngestRecord, field: string, message: string) => {
          result.rejected += 1
          result.errors.push({ index, id: record.id, field, message } satisfies IngestError)
        }

        const plan = (record: IngestRecord, index: number) => {
          const key = recordKey(record)
          const before = stored.get(key)
          if (!this.regions.has(record.regionCode)) return reject(index, record, 'regionCode', `region ${record.regionCode} is not a region of ${this.regions.province.name}`)
          if ('campaignId' in record && record.campaignId !== undefined && !campaignIds.has(record.campaignId)) {
            return reject(index, record, 'campaignId', `campaign ${record.campaignId} does not exist; send the campaign record first`)
          }
          if (before !== undefined && sameContent(before.record, record)) {
            result.duplicates += 1
            return
          }
          const step = before === undefined ? { kind: 'new' as const } : lifecycleStep(before, record)
          if (step.kind === 'stale') {
            result.stale += 1
            return
          }
          if (step.kind === 'invalid') return reject(index, record, step.field, step.message)

          const version = before === undefined ? (asNew[index] as RecordVersion) : new RecordVersion(record, nextHistory(before.history, record), this.timeZone)
          const earlier = writes.get(key)
          writes.set(key, { version, replaces: earlier === undefined ? before : earlier.replaces })
          stored.set(key, version)
          if (record.type === 'campaign') campaignIds.add(record.id)
          if (before === undefined) result.accepted += 1
          else result.updated += 1
          written.push(record)
        }
        for (const [slice, probe] of probes.entries()) {
          // A record met earlier in this batch is already here, in its newer version.
          for (const [key, found] of await probe) if (!stored.has(key)) stored.set(key, found)
          const end = Math.min(records.length, (slice + 1) * PROBE_SLICE)
          for (let index = slice * PROBE_SLICE; index < end; index++) plan(records[index] as IngestRecord, index)
        }

        if (result.rejected > 0 && !options.partial) {
          Object.assign(result, { accepted: 0, updated: 0, duplicates: 0, stale: 0 })
          return
        }
        // The writes go out now; PostgreSQL carries them out while the counters are worked out here.
        const inserted: string[] = []
        const changed: string[] = []
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
          writeOpenClocks(trx, replaced, [...writes.values()].map(({ version }) => version.openClockRows)),
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
            await writeCampaign(trx, { id, name, regionCode, startsOn, endsOn, domains, targets: campaignTargets(record, this.regions) })
          }
        }
      } finally {
        // The transaction must not end while a probe is still on its way (see settleAll).
        await Promise.allSettled(probes)
      }
    })
    if (written.length > 0 && (options.partial || result.rejected === 0)) {
      const committed = { regions: changes.changedRegions(), records: written }
      for (const listener of this.#listeners) listener(committed)
    }
    return result
  }
}

const PREPARE_SLICE = 250
const PROBE_SLICE = 1000

function campaignIdsOf(records: readonly IngestRecord[]): string[] {
  const ids = new Set<string>()
  for (const record of records) if ('campaignId' in record && record.campaignId !== undefined) ids.add(record.campaignId)
  return [...ids]
}

/** A record's last version in this batch, and the stored version it replaces (the one before the batch). */
interface RecordWrite {
  version: RecordVersion
  replaces: StoredRecord | undefined
}

/** A retry of what is stored. A lifecycle step at another time never is, which spares comparing whole records. */
function sameContent(stored: IngestRecord, record: IngestRecord): boolean {
  if ('statusAt' in stored && 'statusAt' in record && Date.parse(stored.statusAt) !== Date.parse(record.statusAt)) return false
  return canonicalJson(stored) === canonicalJson(record)
}

type LifecycleStep = { kind: 'step' } | { kind: 'stale' } | { kind: 'invalid'; field: string; message: string }

/** How a changed record relates to what is stored. Records without a lifecycle are corrected in place. */
function lifecycleStep(before: StoredRecord, record: IngestRecord): LifecycleStep {
  if (!('statusAt' in record) || !('statusAt' in before.record)) return { kind: 'step' }
  const newAt = Date.parse(record.statusAt)
  const oldAt = Date.parse(before.record.statusAt)
  if (newAt < oldAt) return { kind: 'stale' }
  if (newAt === oldAt) return { kind: 'invalid', field: 'statusAt', message: `record ${record.id} is already stored with other content at this statusAt; a change needs a later statusAt` }
  const from = before.record.status
  const allowed: readonly string[] = (LIFECYCLE_STEPS[record.type] as Record<string, readonly string[]>)[from] ?? []
  if (record.status !== from && !allowed.includes(record.status)) {
    const next = allowed.length > 0 ? `it may go on to ${allowed.join(', ')}` : 'that status is final'
    return { kind: 'invalid', field: 'status', message: `a ${record.type} cannot go from ${from} to ${record.status}: ${next}` }
  }
  return { kind: 'step' }
}

export interface IngestServiceOptions {
  timeZone: string
}

export default fp<IngestServiceOptions>(
  async (app, options) => {
    app.decorate('ingest', new IngestService(app.database.db, app.regions, options.timeZone))
  },
  { name: 'ingest-service', dependencies: ['database', 'regions'] },
)
