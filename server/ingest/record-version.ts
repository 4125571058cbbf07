// One version of a record as ingest stores it: its lifecycle history, statutory
// clocks and the rows to write, as JSON. New records are worked out before the
// ingest lock is taken, so that work overlaps another batch's database time.
import type { IngestRecord } from '../../shared/records'
import { type StatusStep, type StatutoryClock, clocksOf } from '../metrics/contributions'
import { addCalendarDays, endOfLocalDay } from '../time/zoned-time'

export class RecordVersion {
  readonly clocks: StatutoryClock[]
  /** The records row as JSON: the record, when it happened, and its history. */
  readonly row: string
  /** Its running clocks as open_clocks rows: JSON objects separated by commas, '' when none. */
  readonly openClockRows: string

  constructor(
    readonly record: IngestRecord,
    readonly history: readonly StatusStep[],
    timeZone: string,
  ) {
    this.clocks = clocksOf(record, history, timeZone)
    this.row = JSON.stringify({ record, eventAt: eventTimeOf(record, timeZone), history })
    const open = this.clocks.filter((clock) => clock.doneAt === null)
    const rows = open.map(({ clock, startsAt, dueAt }) => ({ record_type: record.type, record_id: record.id, clock, region_code: record.regionCode, starts_at: startsAt, due_at: dueAt }))
    this.openClockRows = rows.length === 0 ? '' : JSON.stringify(rows).slice(1, -1)
  }
}

/** The history after this version: a new status is appended, a repeated one changes nothing. */
export function nextHistory(history: readonly StatusStep[], record: IngestRecord): StatusStep[] {
  if (!('status' in record)) return []
  if (history.some((step) => step.status === record.status)) return [...history]
  return [...history, { status: record.status, statusAt: new Date(record.statusAt) }]
}

/** When a record happened, as an ISO time: a campaign counts from the start of its first day. */
function eventTimeOf(record: IngestRecord, timeZone: string): string {
  switch (record.type) {
    case 'inspection':
    case 'food_sampling':
      return record.occurredAt
    case 'complaint':
    case 'report':
      return record.receivedAt
    case 'case':
      return record.openedAt
    case 'campaign':
      return new Date(endOfLocalDay(addCalendarDays(record.startsOn, -1), timeZone).getTime() + 1).toISOString()
  }
}
