// Records waiting for their time: lifecycle steps decided when an item was received,
// released by the window that contains them. Kept in hourly buckets (windows take
// them in time order, so only the current hour's bucket is ever split) and released
// sorted by time, then creation order, so equal times come out the same way every run.
import type { IngestRecord } from '../../shared/records'
import { HOUR_MS } from './china-time'

export interface TimedRecord {
  /** when the record becomes known: its latest time */
  at: number
  seq: number
  record: IngestRecord
}

export class PendingRecords {
  readonly #buckets = new Map<number, TimedRecord[]>()
  /** no bucket before this hour holds anything */
  #firstHour = Infinity

  push(item: TimedRecord): void {
    const hour = Math.floor(item.at / HOUR_MS)
    const bucket = this.#buckets.get(hour)
    if (bucket === undefined) this.#buckets.set(hour, [item])
    else bucket.push(item)
    if (hour < this.#firstHour) this.#firstHour = hour
  }

  /** removes and returns every record due before `until`, earliest first */
  takeBefore(until: number): TimedRecord[] {
    const lastHour = Math.floor((until - 1) / HOUR_MS)
    const due: TimedRecord[] = []
    for (let hour = this.#firstHour; hour <= lastHour; hour++) {
      const bucket = this.#buckets.get(hour)
      if (bucket === undefined) continue
      if (hour < lastHour) {
        for (const item of bucket) due.push(item)
        this.#buckets.delete(hour)
        continue
      }
      const later = bucket.filter((item) => item.at >= until)
      for (const item of bucket) if (item.at < until) due.push(item)
      if (later.length > 0) this.#buckets.set(hour, later)
      else this.#buckets.delete(hour)
    }
    if (this.#firstHour <= lastHour) this.#firstHour = lastHour
    return due.sort((a, b) => a.at - b.at || a.seq - b.seq)
  }
}
