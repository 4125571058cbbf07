// One version of a record as ingest stores it: its lifecycle history, statutory
// clocks and the rows to write. New records are worked out before the write lock
// is taken, so that work overlaps another batch's database time. The rows stay
// objects: a statement's rows are written as JSON in one go, which costs a third of
// writing each row on its own and joining them.
import type { IngestRecord } from '../../shared/records'
import { type OpenClockRow, openClockRowsOf } from '../clocks/open-clocks-repository'
import { type StatusStep, type StatutoryClock, clocksOf } from '../clocks/statutory-clocks'
import { addCalendarDays, endOfLocalDay } from '../time/zoned-time'

export class RecordVersion {
  readonly clocks: StatutoryClock[]
  /** The records row: the record, when it happened, and its history. */
  readonly row: RecordRow
  /** Its running clocks as open_clocks rows. */
  readonly openClockRows: OpenClockRow[]

  constructor(
    readonly record: IngestRecord,
    readonly history: readonly StatusStep[],
    timeZone: string,
  ) {
    this.clocks = clocksOf(record, history, timeZone)
    this.row = { record, eventAt: eventTimeOf(record, timeZone), history }
    this.openClockRows = openClockRowsOf(record, this.clocks)
  }
}

export interface RecordRow {
  record: IngestRecord
  /** ISO time */
  eventAt: string
  history: readonly StatusStep[]
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
