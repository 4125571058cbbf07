// Where a record writes: the regions whose figures it moves, each with the field that names it,
// so a key's scope can be checked on every one before anything is written.
import type { IngestRecord } from '../../shared/records'

export interface NamedRegion {
  field: string
  regionCode: string
}

/** A record's own region, and a campaign's target regions besides. */
export function regionsOf(record: IngestRecord): NamedRegion[] {
  const own = { field: 'regionCode', regionCode: record.regionCode }
  if (record.type !== 'campaign') return [own]
  return [own, ...record.targets.map((target, index) => ({ field: `targets.${index}.regionCode`, regionCode: target.regionCode }))]
}
