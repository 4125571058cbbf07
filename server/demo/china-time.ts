// Demo data models China: China Standard Time (a fixed +08:00, no daylight saving
// since 1991) and the official calendar of holidays and adjusted working weekends.
// Plain arithmetic instead of Intl keeps millions of timestamps cheap.
// The package is CommonJS without named exports Node can detect: import its default.
import chineseDays from 'chinese-days'

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS
const OFFSET_MS = 8 * HOUR_MS

/** 2026-11-23T09:30:12+08:00 (whole seconds, rounded down: never later than the instant) */
export function formatChinaTime(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

/** the local date, YYYY-MM-DD */
export function chinaDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

export function chinaHour(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCHours()
}

/** the instant a local date (YYYY-MM-DD) begins */
export function startOfChinaDay(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`)
}

/** whole days since 1970-01-01 in China: cheap to compare and step */
export function chinaDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS)
}

const workingDays = new Map<number, boolean>()

function isWorkingDayNumber(day: number): boolean {
  let working = workingDays.get(day)
  if (working === undefined) {
    working = chineseDays.isWorkday(chinaDate(day * DAY_MS))
    workingDays.set(day, working)
  }
  return working
}

export function isWorkingDay(ms: number): boolean {
  return isWorkingDayNumber(chinaDayNumber(ms))
}

/** the instant the day `count` working days after the day of `ms` begins (0: that day if it is a working day, else the next one) */
export function workingDayAfter(ms: number, count: number): number {
  let day = chinaDayNumber(ms)
  let left = count
  while (!isWorkingDayNumber(day)) day += 1
  while (left > 0) {
    day += 1
    if (isWorkingDayNumber(day)) left -= 1
  }
  return day * DAY_MS - OFFSET_MS
}

export function workingDaysBetween(firstDate: string, lastDate: string): number {
  let count = 0
  for (let day = chinaDayNumber(startOfChinaDay(firstDate)); day <= chinaDayNumber(startOfChinaDay(lastDate)); day++) if (isWorkingDayNumber(day)) count += 1
  return count
}

/** the instant the local year of `ms` begins (1 January, 00:00) */
export function startOfChinaYear(ms: number): number {
  return startOfChinaDay(`${chinaDate(ms).slice(0, 4)}-01-01`)
}

/** the same local date and time a year earlier; 29 February becomes the 28th */
export function aYearEarlier(ms: number): number {
  const local = new Date(ms + OFFSET_MS)
  const earlier = new Date(local)
  earlier.setUTCFullYear(local.getUTCFullYear() - 1)
  // 29 February rolled over into March: the last day of February instead.
  if (earlier.getUTCMonth() !== local.getUTCMonth()) earlier.setUTCDate(0)
  return earlier.getTime() - OFFSET_MS
}
