// When something happened, as a wall prints it: the time of day alone only for today's. While a
// history loads the newest items are weeks old, and an open alert may be days old; by the time of
// day alone they would read as today's.
import type { Messages } from '../i18n/messages'

/**
 * "09:41" today, "1月14日 09:41" earlier this year, "2025年12月31日 08:00" before; `at` carries the
 * command centre's offset, `today` is its date (YYYY-MM-DD), null until the server's clock is known.
 */
export function instantLabel(at: string, t: Messages, today: string | null): string {
  const time = at.slice(11, 16)
  const day = at.slice(0, 10)
  if (day === today) return time
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  return `${today !== null && day.slice(0, 4) === today.slice(0, 4) ? t.dayOfYear(month, date) : t.date(year, month, date)} ${time}`
}
