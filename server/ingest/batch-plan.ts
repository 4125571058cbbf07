// How each record of a batch is taken against what is stored: new, a lifecycle step,
// a duplicate, stale, or refused; and what is written for it. Planned under the ingest
// lock, in batch order, so a record sent twice in a batch counts in its later version.
import { type IngestError, type IngestRecord, type IngestResult, LIFECYCLE_STEPS } from '../../shared/records'
import type { RegionTree } from '../regions/region-tree'
import { canonicalJson } from '../db/canonical-json'
import { RecordVersion, nextHistory } from './record-version'
import { type StoredRecord, recordKey } from './records-repository'

type Outcome = 'accepted' | 'updated' | 'duplicate' | 'stale' | IngestError

/** A record's last version in this batch, and the stored version it replaces (the one before the batch). */
export interface RecordWrite {
  version: RecordVersion
  replaces: StoredRecord | undefined
}

export class BatchPlan {
  /** each record's key, by index */
  readonly keys: readonly string[]
  /** what to write, by record key */
  readonly writes = new Map<string, RecordWrite>()
  readonly #outcomes: Outcome[] = []
  /** campaigns this batch creates so far: later records may name them */
  readonly #createdCampaigns = new Set<string>()

  /**
   * @param asNew each record's version as if nothing were stored, worked out beforehand
   * @param campaignIds the campaigns stored, of those the records name
   */
  constructor(
    private readonly records: readonly IngestRecord[],
    private readonly asNew: readonly RecordVersion[],
    private readonly regions: RegionTree,
    private readonly timeZone: string,
    private readonly campaignIds: ReadonlySet<string>,
  ) {
    this.keys = records.map(recordKey)
  }

  /** Plans the records from index `from` up to `to` (excluded) on what is stored; call in batch order. */
  plan(from: number, to: number, stored: ReadonlyMap<string, StoredRecord>): void {
    for (let index = from; index < to; index++) this.#planRecord(index, stored)
  }

  result(): IngestResult {
    const result: IngestResult = { accepted: 0, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] }
    for (const outcome of this.#outcomes) {
      if (outcome === 'accepted') result.accepted += 1
      else if (outcome === 'updated') result.updated += 1
      else if (outcome === 'duplicate') result.duplicates += 1
      else if (outcome === 'stale') result.stale += 1
      else {
        result.rejected += 1
        result.errors.push(outcome)
      }
    }
    return result
  }

  /** The records written, in batch order. */
  written(): IngestRecord[] {
    return this.records.filter((_, index) => this.#outcomes[index] === 'accepted' || this.#outcomes[index] === 'updated')
  }

  #planRecord(index: number, stored: ReadonlyMap<string, StoredRecord>): void {
    const record = this.records[index] as IngestRecord
    const key = this.keys[index] as string
    if (!this.regions.has(record.regionCode)) return this.#refuse(index, 'regionCode', `region ${record.regionCode} is not a region of ${this.regions.province.name}`)
    const { campaignId } = record as { campaignId?: string }
    if (campaignId !== undefined && !this.campaignIds.has(campaignId) && !this.#createdCampaigns.has(campaignId)) {
      return this.#refuse(index, 'campaignId', `campaign ${campaignId} does not exist; send the campaign record first`)
    }
    // A record met earlier in this batch counts in its newer version.
    const earlier = this.writes.get(key)
    const before = earlier?.version ?? stored.get(key)
    if (before !== undefined && sameContent(before.record, record)) {
      this.#outcomes[index] = 'duplicate'
      return
    }
    const step = before === undefined ? { kind: 'new' as const } : lifecycleStep(before, record)
    if (step.kind === 'stale') {
      this.#outcomes[index] = 'stale'
      return
    }
    if (step.kind === 'invalid') return this.#refuse(index, step.field, step.message)

    const version = before === undefined ? (this.asNew[index] as RecordVersion) : new RecordVersion(record, nextHistory(before.history, record), this.timeZone)
    this.writes.set(key, { version, replaces: earlier === undefined ? before : earlier.replaces })
    if (record.type === 'campaign') this.#createdCampaigns.add(record.id)
    this.#outcomes[index] = before === undefined ? 'accepted' : 'updated'
  }

  // A method, not a closure per record: the hot path allocates less.
  #refuse(index: number, field: string, message: string): void {
    this.#outcomes[index] = { index, id: (this.records[index] as IngestRecord).id, field, message }
  }
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
