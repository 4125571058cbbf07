// A ticker item as a wall reads it: when, where, what. Pure, so it is tested without a browser.
import type { TickerItem } from '../../../shared/ticker'
import type { Messages } from '../i18n/messages'
import { instantLabel } from '../format/instant-label'

export interface TickerLine {
  /** "09:41" today, "1月14日 09:41" on another day, in the command centre's time (the item carries its offset) */
  time: string
  region: string
  /** what kind of record, or the alert it raises */
  headline: string
  /** category, channel, entity…: each kept whole on a line of its own if the line runs out */
  details: string[]
  alert: boolean
}

/**
 * `nameOf` names the item's region in the wall's language; `today` is the command centre's date
 * (YYYY-MM-DD), null until the server's clock is known.
 */
export function tickerLine(item: TickerItem, t: Messages, nameOf: (code: string, chinese: string) => string, today: string | null): TickerLine {
  const label = (names: Record<string, string>, key: string | null) => (key === null ? null : (names[key] ?? key))
  const details: (string | null)[] =
    item.type === 'complaint' || item.type === 'report'
      ? [label(t.categories, item.category), label(t.channels, item.channel), item.entityName]
      : item.type === 'case'
        ? [label(t.domains, item.domain), item.entityName]
        : item.type === 'food_sampling'
          ? [label(t.foodCategories, item.category), item.failedBatches === null || item.batches === null ? null : t.failedBatches(item.failedBatches, item.batches)]
          : [label(t.domains, item.domain), item.entityName]
  return {
    time: instantLabel(item.at, t, today),
    region: nameOf(item.regionCode, item.regionName),
    headline: item.alert === null ? t.recordTypes[item.type] : t.alerts[item.alert],
    details: details.filter((part): part is string => part !== null && part !== ''),
    alert: item.alert !== null,
  }
}
