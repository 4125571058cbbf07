// Which counter rows cover a range of days: the whole months inside it come from
// metric_counts_monthly, the ragged ends from metric_counts_daily. A year to date
// is then ≤ 12 month rows and ≤ 61 day rows per metric and region, never 365.
import { addCalendarDays } from '../time/zoned-time'
import type { DateRange } from '../../shared/period'
import { daysOf } from './period'

export interface CounterBuckets {
  /** first days of the first and last whole month (inclusive), or null when no month is whole */
  months: DateRange | null
  /** day ranges read from the daily table: at most one before and one after the months */
  days: DateRange[]
}

/** the month a local day belongs to, as its first day: how month buckets are named */
export const firstOfMonth = (day: string): string => `${day.slice(0, 7)}-01`
const lastOfMonth = (day: string): string => addCalendarDays(firstOfMonth(addCalendarDays(firstOfMonth(day), 31)), -1)

export function splitIntoBuckets(range: DateRange): CounterBuckets {
  const { from, to } = range
  // First whole month: this month if the range starts on the 1st, else the next one.
  const firstWhole = from === firstOfMonth(from) ? from : firstOfMonth(addCalendarDays(lastOfMonth(from), 1))
  // Last whole month: this month if the range ends on its last day, else the previous one.
  const lastWhole = to === lastOfMonth(to) ? firstOfMonth(to) : firstOfMonth(addCalendarDays(firstOfMonth(to), -1))
  if (firstWhole > lastWhole) return { months: null, days: [range] }
  const days: DateRange[] = []
  if (from < firstWhole) days.push({ from, to: addCalendarDays(firstWhole, -1) })
  const afterMonths = addCalendarDays(lastOfMonth(lastWhole), 1)
  if (afterMonths <= to) days.push({ from: afterMonths, to })
  return { months: { from: firstWhole, to: lastWhole }, days }
}

/** Each day and each month (by its first day) the split reads: the buckets a range is summed from. */
export function bucketsOfRange(range: DateRange): { days: string[]; months: string[] } {
  const { days, months } = splitIntoBuckets(range)
  const monthList: string[] = []
  if (months !== null) for (let month = months.from; month <= months.to; month = firstOfMonth(addCalendarDays(month, 31))) monthList.push(month)
  return { days: days.flatMap(daysOf), months: monthList }
}
