// JSON bodies: one record or an array of them, small enough to hold in memory.
import { HttpProblem } from '../http/problem'
import type { IngestItem } from './ingest-item'
import { type JsonSyntaxError, parseJson } from './json-syntax'

/** Larger loads go as NDJSON, which streams. */
export const MAX_JSON_RECORDS = 5000

export function parseJsonBody(body: string): unknown {
  // Windows tools start UTF-8 files with a byte-order mark, which JSON.parse refuses.
  const text = body.replace(/^\uFEFF/, '')
  if (text.trim() === '') throw new HttpProblem(400, 'Empty body', 'the body is empty: send one record or an array of records')
  const parsed = parseJson(text)
  if (!parsed.ok) {
    const { error } = parsed
    throw new HttpProblem(400, 'Malformed JSON', `the body is not valid JSON at ${describeSyntaxError(error)}; nothing was written`, [
      { field: '', message: `malformed JSON at ${describeSyntaxError(error)}` },
    ])
  }
  return parsed.value
}

export function jsonItems(value: unknown): IngestItem[] {
  if (!Array.isArray(value)) return [{ position: { index: 0 }, value }]
  if (value.length > MAX_JSON_RECORDS) {
    throw new HttpProblem(
      413,
      'Payload too large',
      `a JSON body carries at most ${MAX_JSON_RECORDS} records, not ${value.length}; send larger loads as application/x-ndjson`,
    )
  }
  return value.map((item, index) => ({ position: { index }, value: item }))
}

/** The record on one NDJSON line, or why the line is not one. */
export function ndjsonItem(line: number, text: string): IngestItem {
  const parsed = parseJson(text)
  if (parsed.ok) return { position: { line }, value: parsed.value }
  return { position: { line }, problems: [{ field: '', message: `malformed JSON at column ${parsed.error.column}: ${parsed.error.reason}` }] }
}

export function describeSyntaxError(error: JsonSyntaxError): string {
  return `line ${error.line}, column ${error.column} (position ${error.position}): ${error.reason}`
}
