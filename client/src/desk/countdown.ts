// A task's deadline as the desk and the wall count it: in working days of China's official
// calendar (holidays and adjusted working weekends, from chinese-days), on the local dates of
// the command centre (the offset its instants carry). Due soon: within one working day.
import chineseDays from 'chinese-days'
import type { TaskClock } from '../../../shared/tasks'

export interface Countdown {
  clock: TaskClock
  /** working days after today up to the deadline's day; when overdue, the working days past it (today included) */
  workingDays: number
}

const MINUTE_MS = 60_000

/** The UTC offset an instant's text carries (+08:00, Z), in minutes. */
function offsetMinutesOf(instant: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(instant)
  if (match === null) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** The local date (YYYY-MM-DD) of `ms` at a UTC offset. */
export function localDateAt(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * MINUTE_MS).toISOString().slice(0, 10)
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * MINUTE_MS).toISOString().slice(0, 10)

/** Working days in the local dates after `from` up to and including `to`. */
function workingDaysAfter(from: string, to: string): number {
  return to <= from ? 0 : chineseDays.getWorkdaysInRange(nextDate(from), to).length
}

export function countdown(dueAt: string, nowMs: number): Countdown {
  const offset = offsetMinutesOf(dueAt)
  const today = localDateAt(nowMs, offset)
  const dueDate = localDateAt(Date.parse(dueAt), offset)
  if (nowMs > Date.parse(dueAt)) {
    // Past the deadline on its own day counts as one: it is late today.
    return { clock: 'overdue', workingDays: Math.max(1, workingDaysAfter(dueDate, today)) }
  }
  const workingDays = workingDaysAfter(today, dueDate)
  return { clock: workingDays <= 1 ? 'due_soon' : 'on_time', workingDays }
}

/** Whether an instant falls on today's local date (its own offset's). */
export function isToday(instant: string, nowMs: number): boolean {
  const offset = offsetMinutesOf(instant)
  return localDateAt(Date.parse(instant), offset) === localDateAt(nowMs, offset)
}
