// One version of a record as ingest stores and counts it: its lifecycle history,
// statutory clocks, counter contributions and the row to store. New records are
// worked out before the ingest lock is taken, so that work overlaps another
// batch's database time.
import type { IngestRecord } from '../../shared/records'
import { type StatusStep, type StatutoryClock, clocksOf } from '../metrics/contributions'
import { addCalendarDays, endOfLocalDay } from '../time/zoned-time'

export class RecordVersion {
  readonly clocks: StatutoryClock[]
  /** The records row as JSON: the record, when it happened, and its history. */
  readonly row: string

  constructor(
    readonly record: IngestRecord,
    readonly history: readonly StatusStep[],
    timeZone: string,
  ) {
    this.clocks = clocksOf(record, history, timeZone)
    this.row = JSON.stringify({ record, eventAt: eventTimeOf(record, timeZone), history })
  }

  get openClocks(): StatutoryClock[] {
    return this.clocks.filter((clock) => clock.doneAt === null)
  }
}

/** The history after this version: a new status is appended, a repeated one changes nothing. */
export function nextHistory(history: readonly StatusStep[], record: IngestRecord): StatusStep[] {
  if (!('status' in record)) return []
  if (history.some((step) => step.status === record.status)) return [...history]
  return [...history, { status: record.status, statusAt: new Date(record.statusAt) }]
}

/** When a record happened: a campaign counts from the start of its first day. */
function eventTimeOf(record: IngestRecord, timeZone: string): Date {
  switch (record.type) {
    case 'inspection':
    case 'food_sampling':
      return new Date(record.occurredAt)
    case 'complaint':
    case 'report':
      return new Date(record.receivedAt)
    case 'case':
      return new Date(record.openedAt)
    case 'campaign':
      return new Date(endOfLocalDay(addCalendarDays(record.startsOn, -1), timeZone).getTime() + 1)
  }
}
