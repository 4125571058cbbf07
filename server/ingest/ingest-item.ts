// Where a record sat in the request, so every report points back at it.
import type { IngestRecord } from '../../shared/records'
import type { FieldProblem } from './record-rules'

/** 0-based index in a JSON body, or 1-based line in an NDJSON or CSV body. */
export type Position = { index: number; line?: undefined } | { line: number; index?: undefined }

/** A value read from the body, or why no value could be read at that position. */
export type IngestItem = { position: Position; value: unknown; problems?: undefined } | { position: Position; problems: FieldProblem[]; value?: undefined }

export interface PlacedRecord {
  position: Position
  record: IngestRecord
}
