// Many rows as ONE parameter: a JSON array unpacked by jsonb_to_recordset. Statements
// stay small whatever the row count (PGlite aborts on statements with thousands of
// parameters), and PostgreSQL parses the rows in one go.
import { type RawBuilder, sql } from 'kysely'

/** `jsonb_to_recordset($1) as rows(column type, …)`, for FROM clauses. */
export function jsonRows(rows: readonly object[], columns: Record<string, string>): RawBuilder<unknown> {
  return jsonTextRows(JSON.stringify(rows), columns)
}

/** (type, id) rows for FROM clauses: records, and the open clocks they run, are keyed so. */
export function keyRows(keys: readonly { type: string; id: string }[]): RawBuilder<unknown> {
  return jsonRows(keys.map(({ type, id }) => ({ type, id })), { type: 'text', id: 'text' })
}

/** The same, for rows already written as a JSON array, or a reference to one. */
export function jsonTextRows(json: string | RawBuilder<unknown>, columns: Record<string, string>): RawBuilder<unknown> {
  const definition = Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(', ')
  return sql`jsonb_to_recordset(${json}::jsonb) as rows(${sql.raw(definition)})`
}
