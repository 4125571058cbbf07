// What a commit of records changed, as the capability that wrote them tells it: the
// records themselves and what they added to the counters. Each subscriber works out
// from this what it must let go or send on.
import type { IngestRecord } from '../../shared/records'

/** region → counter → local day → change, the regions above each record's included */
export type CounterDeltas = ReadonlyMap<string, Readonly<Record<string, Readonly<Record<string, number>>>>>

export interface RecordsCommitted {
  /** the commit's place in the order of commits (commit_generation) */
  generation: number
  /** the records as written: new ones and new versions of stored ones */
  records: readonly IngestRecord[]
  changes: CounterDeltas
}
