// Days whose records are still being loaded in bulk: the demo's first start fills the same
// span a year earlier after this year, while walls already show this year. A year-on-year
// figure over such days sets a whole span against part of one (同比 +1.4个百分点 beside an
// empty year earlier), so summaries hold it until those days are in.
import type { DateRange } from '../../shared/period'

export class LoadingDays {
  #loading: DateRange | null = null

  /** the days being loaded, or null once they are in */
  set(range: DateRange | null): void {
    this.#loading = range
  }

  overlaps(range: DateRange): boolean {
    return this.#loading !== null && range.from <= this.#loading.to && this.#loading.from <= range.to
  }
}
