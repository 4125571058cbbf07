// One ingest request from the first batch to the result. Every body format feeds
// batches of items here, so JSON, NDJSON and CSV share validation, the call to the
// service and the report. Repeats of a record within a request are the service's to
// judge, record by record in body order, exactly as if each came in a request of its own.
//
// Atomic (the default): every batch is validated and held; only when the whole
// body is valid is it handed to the service, in one call and so one transaction.
// Partial: the valid records are written and the rest reported; a streamed body's
// batches are written as they come, so a stream of any length needs memory for one
// batch only.
//
// Either way every valid record's regions must lie in the writer's scope: one that
// does not refuses the request whole (403) before anything more is written.
import type { IngestError, IngestRecord, IngestResult, RecordType } from '../../shared/records'
import { HttpProblem } from '../http/problem'
import type { IngestItem, PlacedRecord, Position } from './ingest-item'
import { regionsOf } from './record-regions'
import type { FieldProblem, RuleContext } from './record-rules'
import { validateRecord } from './validate-record'

/** The write side as this module needs it: `app.ingest` (IngestService) fits. */
export interface RecordIngester {
  ingest(records: readonly IngestRecord[], options: { partial: boolean }): Promise<IngestResult>
}

/** A report listing a million bad lines helps nobody; `rejected` still counts them all. */
export const MAX_REPORTED_ERRORS = 1000

export interface IngestRunOptions {
  ingester: RecordIngester
  context: RuleContext
  partial: boolean
  /** set for CSV, whose rows take their type from `?type=` */
  expectedType?: RecordType
  /** where the sender may write */
  scope: WriteScope
  /** partial mode only: write each batch as it is added (a streamed body) rather than once all are validated */
  streamed?: boolean
}

export interface WriteScope {
  /** the scope's region code, for the refusal's words */
  region: string
  mayWriteAt(regionCode: string): boolean
}

/** Records of a body that is not streamed are written in slices this size in partial mode. */
const WRITE_SLICE = 500

export class IngestRun {
  readonly #options: IngestRunOptions
  readonly #result: IngestResult = { accepted: 0, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] }
  #problemCount = 0
  #recordCount = 0
  readonly #held: PlacedRecord[] = []
  /** a record per region it names outside the scope */
  readonly #outsideScope: IngestError[] = []

  constructor(options: IngestRunOptions) {
    this.#options = options
  }

  /** Validates a batch; in partial mode its valid records are written before this returns. */
  async add(items: readonly IngestItem[]): Promise<void> {
    const valid: PlacedRecord[] = []
    for (const item of items) {
      this.#recordCount += 1
      if (item.problems !== undefined) {
        this.#reject(item.position, undefined, item.problems)
        continue
      }
      const verdict = validateRecord(item.value, this.#options.context, this.#options.expectedType)
      if (verdict.problems !== undefined) this.#reject(item.position, idOf(item.value), verdict.problems)
      else {
        valid.push({ position: item.position, record: verdict.record })
        this.#checkScope(item.position, verdict.record)
      }
    }
    if (this.#options.partial && this.#options.streamed === true) {
      this.#requireInScope(this.#recordCount - items.length)
      await this.#write(valid)
    } else this.#held.push(...valid)
  }

  /** The result to answer 200 with; in atomic mode a 422 problem when anything was refused. */
  async finish(): Promise<IngestResult> {
    this.#requireInScope(0)
    if (!this.#options.partial) {
      if (this.#result.rejected === 0) await this.#write(this.#held)
      if (this.#result.rejected > 0) throw this.#refusal()
    } else {
      for (let start = 0; start < this.#held.length; start += WRITE_SLICE) await this.#write(this.#held.slice(start, start + WRITE_SLICE))
    }
    return this.#result
  }

  #checkScope(position: Position, record: IngestRecord): void {
    const { scope } = this.#options
    for (const { field, regionCode } of regionsOf(record)) {
      if (!scope.mayWriteAt(regionCode)) this.#outsideScope.push({ ...position, id: record.id, field, message: `${regionCode} lies outside the scope ${scope.region} this request may write to` })
    }
  }

  /** 403 naming every record outside the scope; `writtenBefore` lines of a stream's earlier batches are already written. */
  #requireInScope(writtenBefore: number): void {
    if (this.#outsideScope.length === 0) return
    const records = new Set(this.#outsideScope.map((error) => error.index ?? error.line)).size
    const written = writtenBefore === 0 ? 'nothing was written' : `only the ${writtenBefore} lines before its batch were handled (a partial stream writes each batch of lines as it is read)`
    const errors = this.#outsideScope.slice(0, MAX_REPORTED_ERRORS)
    throw new HttpProblem(403, 'Forbidden', `${records} ${records === 1 ? 'record writes' : 'records write'} outside the scope ${this.#options.scope.region} this request may write to, so ${written}`, errors)
  }

  async #write(records: readonly PlacedRecord[]): Promise<void> {
    if (records.length === 0) return
    const written = await this.#options.ingester.ingest(
      records.map((placed) => placed.record),
      { partial: this.#options.partial },
    )
    this.#result.accepted += written.accepted
    this.#result.updated += written.updated
    this.#result.duplicates += written.duplicates
    this.#result.stale += written.stale
    this.#result.rejected += written.rejected
    for (const error of written.errors) {
      // The service numbers records by their place in the array it was given; point back at the body.
      const placed = error.index === undefined ? undefined : records[error.index]
      const id = error.id ?? placed?.record.id
      this.#addError({ ...(placed?.position ?? {}), ...(id === undefined ? {} : { id }), field: error.field, message: error.message })
    }
  }

  #reject(position: Position, id: string | undefined, problems: readonly FieldProblem[]): void {
    this.#result.rejected += 1
    for (const problem of problems) this.#addError({ ...position, ...(id === undefined ? {} : { id }), ...problem })
  }

  #addError(error: IngestError): void {
    this.#problemCount += 1
    if (this.#result.errors.length < MAX_REPORTED_ERRORS) this.#result.errors.push(error)
  }

  #refusal(): HttpProblem {
    const { rejected, errors } = this.#result
    const listed = this.#problemCount > errors.length ? `; the first ${errors.length} of ${this.#problemCount} problems are listed` : ''
    const detail = `${rejected} of ${this.#recordCount} ${this.#recordCount === 1 ? 'record was' : 'records were'} refused and nothing was written (send ?partial=true to write the valid ones)${listed}`
    return new HttpProblem(422, 'Records refused', detail, errors)
  }
}

/** The id to name in a report, when the value has a usable one. */
function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const id = (value as Record<string, unknown>).id
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined
}
