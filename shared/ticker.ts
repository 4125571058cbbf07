// The ticker: the newest complaints, reports and cases of a region's subtree, and the
// records that are alerts in themselves, as a wall shows them.
import Type, { type Static } from 'typebox'
import { RegionCode } from './api'

/** Items a ticker holds, newest first by `at`. */
export const TICKER_LENGTH = 20

export const TICKER_ALERTS = ['major_case', 'food_failed', 'serious_hazard'] as const
export type TickerAlert = (typeof TICKER_ALERTS)[number]

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const TickerItem = Type.Object({
  type: Type.Enum(['complaint', 'report', 'case', 'food_sampling', 'inspection']),
  id: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  /** when it happened (received, opened, sampled, inspected), with the command centre's UTC offset */
  at: Type.String(),
  status: Nullable(Type.String()),
  /** why the record is an alert: a major case (挂牌督办), failed food batches, a serious hazard; null for the others */
  alert: Nullable(Type.Enum([...TICKER_ALERTS])),
  /** complaint category, or the food category sampled; as the source sent it */
  category: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  /** a case's or an inspection's domain */
  domain: Nullable(Type.String()),
  entityName: Nullable(Type.String()),
  /** a case's fines and confiscations */
  amountYuan: Nullable(Type.Number()),
  failedBatches: Nullable(Type.Integer()),
  batches: Nullable(Type.Integer()),
})
export type TickerItem = Static<typeof TickerItem>

/**
 * Keyed by `<type>:<id>` rather than listed: a new item is then one addition and the
 * oldest one removal in a delta, instead of every position shifting.
 */
export const Ticker = Type.Record(Type.String(), TickerItem)
export type Ticker = Static<typeof Ticker>

export const tickerKey = (item: Pick<TickerItem, 'type' | 'id'>): string => `${item.type}:${item.id}`

/** Newest first; the same items always in the same order. */
export function newestFirst(items: Iterable<TickerItem>): TickerItem[] {
  const timed = [...items].map((item) => ({ item, at: Date.parse(item.at), key: tickerKey(item) }))
  timed.sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
  return timed.map(({ item }) => item)
}
