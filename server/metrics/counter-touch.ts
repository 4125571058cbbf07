// Which stored figures a commit changed, finely enough for a cache of them to let go of
// only what moved: the days of each region's counters (its ancestors included), the
// regions whose overdue items or campaign counters moved, the regions that got a ticker
// record, and whether a campaign itself was written. Sent between instances as JSON.
import Type, { type Static } from 'typebox'
import { Check } from 'typebox/value'
import type { TickerItem } from '../../shared/ticker'

/** region → counter → local day → change, ancestors included: what a commit added to the counters */
export type CounterDeltas = ReadonlyMap<string, Readonly<Record<string, Readonly<Record<string, number>>>>>

export interface CounterTouch {
  /** the commit's generation (commit_generation), null when nothing was committed */
  generation: number | null
  /** what the commit added, where this instance made it; another instance's commit says only where */
  changes?: CounterDeltas
  /** region → the local days whose counters changed there */
  days: ReadonlyMap<string, ReadonlySet<string>>
  overdue: ReadonlySet<string>
  campaigns: ReadonlySet<string>
  /** regions themselves (not those above) where a ticker record was written */
  ticker: ReadonlySet<string>
  /** those records as ticker items, by region, where this instance wrote them */
  tickerItems?: ReadonlyMap<string, readonly TickerItem[]>
  /** a campaign record was written: the campaigns and their targets may differ */
  campaignDefinitions: boolean
}

export const NO_TOUCH: CounterTouch = { generation: null, days: new Map(), overdue: new Set(), campaigns: new Set(), ticker: new Set(), campaignDefinitions: false }

const Codes = Type.Array(Type.String({ maxLength: 6 }))
export const CounterTouchMessage = Type.Object({
  generation: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  days: Type.Array(Type.Tuple([Type.String({ maxLength: 6 }), Type.Array(Type.String({ maxLength: 10 }))])),
  overdue: Codes,
  campaigns: Codes,
  ticker: Codes,
  campaignDefinitions: Type.Boolean(),
})
export type CounterTouchMessage = Static<typeof CounterTouchMessage>

export function touchToMessage(touch: CounterTouch): CounterTouchMessage {
  return {
    generation: touch.generation,
    days: [...touch.days].map(([code, days]) => [code, [...days]]),
    overdue: [...touch.overdue],
    campaigns: [...touch.campaigns],
    ticker: [...touch.ticker],
    campaignDefinitions: touch.campaignDefinitions,
  }
}

/** The touch another instance sent, or undefined when it is not one. */
export function touchFromMessage(message: unknown): CounterTouch | undefined {
  if (!Check(CounterTouchMessage, message)) return undefined
  return {
    generation: message.generation,
    days: new Map(message.days.map(([code, days]) => [code, new Set(days)])),
    overdue: new Set(message.overdue),
    campaigns: new Set(message.campaigns),
    ticker: new Set(message.ticker),
    campaignDefinitions: message.campaignDefinitions,
  }
}
