// One verdict per incoming value: the schema first, then the rules that need a valid shape.
import type { IngestRecord, RecordType } from '../../shared/records'
import { type FieldProblem, type RuleContext, checkRecord } from './record-rules'
import { schemaProblems } from './schema-problems'

export type Verdict = { record: IngestRecord; problems?: undefined } | { record?: undefined; problems: FieldProblem[] }

export function validateRecord(value: unknown, context: RuleContext, expectedType?: RecordType): Verdict {
  const shape = schemaProblems(value, expectedType)
  if (shape.length > 0) return { problems: shape }
  const record = value as IngestRecord
  const rules = checkRecord(record, context)
  return rules.length > 0 ? { problems: rules } : { record }
}
