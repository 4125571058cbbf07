// A commit made here, as other instances hear of it through the socket.io adapter: only
// where it touched (what changed stays here), sent as JSON and checked on arrival.
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
  tasks: Codes,
  alerts: Codes,
})
export type CommitMessage = Static<typeof CommitMessage>

export function messageOf(touch: CounterTouch): CommitMessage {
  return {
    days: [...touch.days].map(([code, days]) => [code, [...days]]),
    overdue: [...touch.overdue],
    campaigns: [...touch.campaigns],
    ticker: [...touch.ticker],
    campaignDefinitions: touch.campaignDefinitions,
    tasks: [...touch.tasks],
    alerts: [...touch.alerts],
  }
}

/** The touch another instance sent, or undefined when it is not one. */
export function touchOfMessage(message: unknown): CounterTouch | undefined {
  if (!Check(CommitMessage, message)) return undefined
  return {
    days: new Map(message.days.map(([code, days]) => [code, new Set(days)])),
    overdue: new Set(message.overdue),
    campaigns: new Set(message.campaigns),
    ticker: new Set(message.ticker),
    campaignDefinitions: message.campaignDefinitions,
    tasks: new Set(message.tasks),
    alerts: new Set(message.alerts),
  }
}
