// A commit made here, as other instances hear of it through the socket.io adapter: only
// where it touched (what changed stays here), and the regions whose alerts changed, sent
// as JSON and checked on arrival.
import Type, { type Static } from 'typebox'
import { Check } from 'typebox/value'
import type { CounterTouch } from '../metrics/counter-touch'

const Codes = Type.Array(Type.String({ maxLength: 6 }))
export const CommitMessage = Type.Object({
  days: Type.Array(Type.Tuple([Type.String({ maxLength: 6 }), Type.Array(Type.String({ maxLength: 10 }))])),
  overdue: Codes,
  campaigns: Codes,
  ticker: Codes,
  campaignDefinitions: Type.Boolean(),
  /** regions whose visible alerts changed (events alertsChanged) */
  alerts: Codes,
})
export type CommitMessage = Static<typeof CommitMessage>

/** What a commit touched, or no counters at all: an alert evaluation moves alerts alone. */
export const NOTHING_TOUCHED: CounterTouch = { days: new Map(), overdue: new Set(), campaigns: new Set(), ticker: new Set(), campaignDefinitions: false }

export function messageOf(touch: CounterTouch, alerts: readonly string[] = []): CommitMessage {
  return {
    days: [...touch.days].map(([code, days]) => [code, [...days]]),
    overdue: [...touch.overdue],
    campaigns: [...touch.campaigns],
    ticker: [...touch.ticker],
    campaignDefinitions: touch.campaignDefinitions,
    alerts: [...alerts],
  }
}

/** The touch and alert regions another instance sent, or undefined when it is not a commit message. */
export function commitOfMessage(message: unknown): { touch: CounterTouch; alerts: string[] } | undefined {
  if (!Check(CommitMessage, message)) return undefined
  return {
    touch: {
      days: new Map(message.days.map(([code, days]) => [code, new Set(days)])),
      overdue: new Set(message.overdue),
      campaigns: new Set(message.campaigns),
      ticker: new Set(message.ticker),
      campaignDefinitions: message.campaignDefinitions,
    },
    alerts: message.alerts,
  }
}
