// The same record id twice in one request. Sending a record's lifecycle in order
// (received, then accepted) is normal and both steps are kept, so the service
// records the history; an identical repeat is a retry and counts as a duplicate;
// anything else is ambiguous — which version is right? — and is reported.
import { LIFECYCLE_STEPS, type IngestRecord } from '../../shared/records'
import { canonicalJson } from './canonical-json'
import { type PlacedRecord, describePosition } from './ingest-item'
import { parseOffsetTime } from './record-time'

export interface DuplicateConflict {
  placed: PlacedRecord
  message: string
}

export interface DeduplicatedRecords {
  kept: PlacedRecord[]
  /** identical repeats, left out */
  duplicates: number
  conflicts: DuplicateConflict[]
}

export function resolveDuplicates(records: readonly PlacedRecord[]): DeduplicatedRecords {
  const latest = new Map<string, { placed: PlacedRecord; canonical: string }>()
  const result: DeduplicatedRecords = { kept: [], duplicates: 0, conflicts: [] }
  for (const placed of records) {
    const key = `${placed.record.type}\u0000${placed.record.id}`
    const canonical = canonicalJson(placed.record)
    const previous = latest.get(key)
    if (previous !== undefined && previous.canonical === canonical) {
      result.duplicates += 1
      continue
    }
    if (previous !== undefined) {
      const problem = stepProblem(previous.placed.record, placed.record)
      if (problem !== null) {
        result.conflicts.push({ placed, message: `${placed.record.type} ${placed.record.id} already appears at ${describePosition(previous.placed.position)}; ${problem}` })
        continue
      }
    }
    latest.set(key, { placed, canonical })
    result.kept.push(placed)
  }
  return result
}

/** Null when `next` is a later lifecycle step of `previous`, else why it is not. */
function stepProblem(previous: IngestRecord, next: IngestRecord): string | null {
  if (!('status' in previous) || !('status' in next) || previous.type !== next.type) {
    return 'a record without a lifecycle may appear once per request, or repeated unchanged'
  }
  const previousAt = parseOffsetTime(previous.statusAt) ?? Number.NaN
  const nextAt = parseOffsetTime(next.statusAt) ?? Number.NaN
  const allowed: readonly string[] = (LIFECYCLE_STEPS[next.type] as Record<string, readonly string[]>)[previous.status] ?? []
  const laterStep = nextAt > previousAt && (next.status === previous.status || allowed.includes(next.status))
  if (laterStep) return null
  return `a repeat must be a later lifecycle step, and ${next.status} at ${next.statusAt} does not follow ${previous.status} at ${previous.statusAt}`
}
