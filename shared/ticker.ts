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

const instants = new WeakMap<TickerItem, number>()

/** When the item happened, parsed once per item. */
function instantOf(item: TickerItem): number {
  let instant = instants.get(item)
  if (instant === undefined) instants.set(item, (instant = Date.parse(item.at)))
  return instant
}

/** Newer by time, then by key: the same items always come in the same order. */
export function isNewer(a: TickerItem, b: TickerItem): boolean {
  const difference = instantOf(a) - instantOf(b)
  return difference !== 0 ? difference > 0 : tickerKey(a) > tickerKey(b)
}

/** Newest first. */
export function newestFirst(items: Iterable<TickerItem>): TickerItem[] {
  return [...items].sort((a, b) => (isNewer(a, b) ? -1 : isNewer(b, a) ? 1 : 0))
}
