// What POST /api/v1/records accepts and answers, for route validation of the
// query and for the OpenAPI document. Bodies are validated per record by the
// handler, which can report every problem with its index or line.
import Type from 'typebox'
import { Problem } from '../../shared/api'
import { IngestError, IngestRecord, IngestResult, RECORD_TYPES } from '../../shared/records'
import { DATABASE_UNAVAILABLE, UNAUTHENTICATED, problemResponses } from '../http/problem'
import { MAX_JSON_RECORDS } from './json-body'

export const IngestQuery = Type.Object({
  partial: Type.Optional(
    Type.Boolean({ default: false, description: 'write the valid records and report the rest (200); by default any invalid record writes nothing (422)' }),
  ),
  type: Type.Optional(
    Type.Enum([...RECORD_TYPES], { description: 'required for text/csv: the type of every row (campaign is not accepted as CSV); for JSON and NDJSON every record must be of this type' }),
  ),
})

/** RFC 9457 problem details whose errors point at records by index or line. */
export const IngestProblem = Type.Object({ ...Problem.properties, errors: Type.Optional(Type.Array(IngestError)) })

export const IngestBody = {
  content: {
    'application/json': {
      schema: Type.Union([IngestRecord, Type.Array(IngestRecord, { maxItems: MAX_JSON_RECORDS })], {
        description: `one record or an array of up to ${MAX_JSON_RECORDS}; at most 10 MiB`,
      }),
    },
    'application/x-ndjson': {
      schema: Type.String({
        description: 'one record per line, any length; read in batches of 500 lines. Atomic requests are limited to 10 MiB; with partial=true each batch is written as it is read',
      }),
    },
    'text/csv': {
      schema: Type.String({
        description:
          'UTF-8 (a byte-order mark is fine) with ?type=; header row of field names, nested fields dotted (entity.uscc), lists ;-separated, true/false, empty cell = absent; at most 10 MiB',
      }),
    },
  },
}

export const ingestResponses = (ratePerMinute: number) => ({
  200: IngestResult,
  ...problemResponses(
    {
      400: 'malformed JSON (with its line, column and position), bad CSV (header or quoting), bad query, or an empty body',
      401: UNAUTHENTICATED,
      403: "`forbidden`: the principal may not write records (only an integrator key may), or a record names a region outside the key's scope: `errors` lists each (its index or line, and the field), and nothing was written. A partial NDJSON stream has written the batches before the one holding it, as `detail` says",
      413: 'over 10 MiB (JSON, CSV, atomic NDJSON) or over 5000 JSON records',
      415: 'not JSON, NDJSON or CSV; not UTF-8; or campaigns as CSV',
      422: 'atomic mode: at least one record was refused, every error is listed and nothing was written',
      429: `\`too_many_requests\`: more than ${ratePerMinute} requests a minute from this key (REGDECK_INGEST_RATE_LIMIT); Retry-After says when to send again`,
      503: DATABASE_UNAVAILABLE,
    },
    IngestProblem,
  ),
})
