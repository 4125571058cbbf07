// CSV bodies as spreadsheets write them: one record type per file (`?type=`), a
// header row of field names with nested fields dotted (entity.uscc), lists as
// `;`-separated cells, true/false, plain numbers, and an empty cell for "absent".
// Cells become values of the type the schema expects, so the usual validation
// then speaks about fields, not columns.
import { CsvError, parse } from 'csv-parse/sync'
import type { TSchema } from 'typebox'
import { RECORD_SCHEMAS, type RecordType } from '../../shared/records'
import { HttpProblem } from '../http/problem'
import type { IngestItem } from './ingest-item'

interface Column {
  path: string[]
  leaf: TSchema & { type?: string; items?: TSchema & { type?: string } }
}

type ObjectSchema = TSchema & { type?: string; properties?: Record<string, TSchema>; required?: string[]; items?: ObjectSchema }

export function csvItems(text: string, type: RecordType): IngestItem[] {
  if (type === 'campaign') {
    throw new HttpProblem(415, 'Unsupported media type', 'campaign records cannot be sent as CSV: their targets are a list of objects; send them as JSON or NDJSON')
  }
  const rows = parseCsv(text)
  const [header, ...data] = rows
  if (header === undefined) throw new HttpProblem(400, 'Invalid CSV', 'the CSV is empty: a header row naming the fields is expected')
  const columns = readHeader(header.record, type)
  return data.map(({ record: cells, info }) => {
    const value: Record<string, unknown> = { type }
    columns.forEach((column, index) => {
      const cell = cells[index] ?? ''
      if (cell !== '') setPath(value, column.path, convertCell(cell, column.leaf))
    })
    return { position: { line: info.lines }, value }
  })
}

function parseCsv(text: string): { record: string[]; info: { lines: number } }[] {
  try {
    return parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = (error as CsvError & { lines?: number }).lines
    throw new HttpProblem(400, 'Invalid CSV', `the CSV is malformed${line === undefined ? '' : ` at line ${line}`}: ${error.message}; nothing was written`)
  }
}

function readHeader(names: readonly string[], type: RecordType): Column[] {
  const schema = RECORD_SCHEMAS[type] as ObjectSchema
  const problems: { field: string; message: string }[] = []
  const seen = new Set<string>()
  const columns = names.map((raw) => {
    const name = raw.trim()
    if (seen.has(name)) problems.push({ field: name, message: 'appears twice in the header row' })
    seen.add(name)
    const column = resolveColumn(name, schema)
    if (typeof column === 'string') problems.push({ field: name, message: column })
    return column
  })
  for (const path of requiredLeaves(schema)) {
    if (path !== 'type' && !seen.has(path)) problems.push({ field: path, message: 'is required: the header row has no such column' })
  }
  if (problems.length > 0) {
    const detail = `the CSV header row does not fit ${type} records: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`
    throw new HttpProblem(400, 'Invalid CSV header', detail, problems.map((problem) => ({ line: 1, ...problem })))
  }
  return columns as Column[]
}

/** The schema of a dotted column name, or why there is no such field. */
function resolveColumn(name: string, schema: ObjectSchema): Column | string {
  const path = name.split('.')
  let current: ObjectSchema = schema
  for (const [depth, segment] of path.entries()) {
    const next = current.properties !== undefined && Object.hasOwn(current.properties, segment) ? (current.properties[segment] as ObjectSchema) : undefined
    if (next === undefined) return `unknown field ${name}`
    current = next
    if (current.type === 'object' && depth === path.length - 1) {
      return `is an object: name its fields as columns, e.g. ${Object.keys(current.properties ?? {}).map((key) => `${name}.${key}`).join(', ')}`
    }
    if (current.type === 'array' && current.items?.type === 'object') return 'is a list of objects and cannot be sent as CSV; send JSON or NDJSON'
  }
  return { path, leaf: current }
}

/** Dotted paths every row must be able to fill: required fields inside required objects. */
function requiredLeaves(schema: ObjectSchema, prefix = ''): string[] {
  return (schema.required ?? []).flatMap((key) => {
    const child = schema.properties?.[key] as ObjectSchema | undefined
    const path = `${prefix}${key}`
    return child?.type === 'object' ? requiredLeaves(child, `${path}.`) : [path]
  })
}

/** The cell as the schema's type when it plainly is one; otherwise the text, for validation to name. */
function convertCell(cell: string, schema: Column['leaf']): unknown {
  switch (schema.type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : cell
    case 'boolean':
      // Excel writes TRUE and FALSE.
      if (/^true$/i.test(cell.trim())) return true
      if (/^false$/i.test(cell.trim())) return false
      return cell
    case 'array':
      return cell
        .split(';')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => convertCell(item, schema.items ?? {}))
    default:
      return cell
  }
}

/** Paths come from the schema's own field names, so no segment can be __proto__. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = target
  for (const segment of path.slice(0, -1)) {
    const next = current[segment]
    if (typeof next === 'object' && next !== null) current = next as Record<string, unknown>
    else {
      const created: Record<string, unknown> = {}
      current[segment] = created
      current = created
    }
  }
  current[path.at(-1) as string] = value
}
