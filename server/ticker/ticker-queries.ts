// The newest ticker records of each region, read through the partial index
// records_ticker: one index probe per region, however many records it holds.
import { type Kysely, sql } from 'kysely'
import { TICKER_LENGTH, type Ticker, type TickerAlert, type TickerItem, isNewer, newestFirst, tickerKey } from '../../shared/ticker'
import type { IngestRecord } from '../../shared/records'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { isoInTimeZone } from '../time/zoned-time'

/**
 * Which records a ticker shows. The same expression as the index's predicate
 * (migration 2026-12-01T09-records-ticker), so that PostgreSQL uses the index.
 */
const TICKER_RECORD = sql`(type in ('complaint', 'report', 'case')
  or (type = 'food_sampling' and (content->>'failed')::int > 0)
  or (type = 'inspection' and (content->>'seriousHazard')::boolean))`

/** TICKER_RECORD for a record in hand. */
export function isTickerRecord(record: IngestRecord): boolean {
  if (record.type === 'food_sampling') return record.failed > 0
  if (record.type === 'inspection') return record.seriousHazard === true
  return record.type === 'complaint' || record.type === 'report' || record.type === 'case'
}

interface TickerRow {
  type: TickerItem['type']
  id: string
  region_code: string
  event_at: Date
  status: string | null
  category: string | null
  channel: string | null
  domain: string | null
  entity_name: string | null
  fine_yuan: string | null
  confiscated_yuan: string | null
  major: boolean | null
  failed: number | null
  batches: number | null
  serious_hazard: boolean | null
}

/** The newest TICKER_LENGTH ticker records at each region itself (not below it), by code. */
export async function newestAtRegions(db: Kysely<Database>, regions: RegionTree, codes: readonly string[], timeZone: string): Promise<Map<string, TickerItem[]>> {
  const newest = new Map<string, TickerItem[]>(codes.map((code) => [code, []]))
  if (codes.length === 0) return newest
  const { rows } = await sql<TickerRow>`
    select r.type, r.id, r.region_code, r.event_at, r.status,
      r.content->>'category' as category, r.content->>'channel' as channel, r.content->>'domain' as domain,
      r.content->'entity'->>'name' as entity_name, r.content->>'fineYuan' as fine_yuan, r.content->>'confiscatedYuan' as confiscated_yuan,
      (r.content->>'major')::boolean as major, (r.content->>'failed')::int as failed, (r.content->>'batches')::int as batches,
      (r.content->>'seriousHazard')::boolean as serious_hazard
    from (values ${sql.join(codes.map((code) => sql`(${code}::char(6))`))}) as wanted (code)
    cross join lateral (
      select * from records where region_code = wanted.code and ${TICKER_RECORD}
      order by event_at desc, id desc limit ${TICKER_LENGTH}
    ) as r`.execute(db)
  for (const row of rows) newest.get(row.region_code)?.push(toItem(row, regions, timeZone))
  return newest
}

/**
 * A region's newest items with those just written at it: by key (a new version replaces
 * the old), newest first, the first TICKER_LENGTH. Undefined when a full list loses an
 * item that was rewritten to an older time: what follows it only a read can tell.
 */
export function withWritten(newest: readonly TickerItem[], written: readonly TickerItem[]): TickerItem[] | undefined {
  const byKey = new Map(newest.map((item) => [tickerKey(item), item]))
  for (const item of written) byKey.set(tickerKey(item), item)
  const sorted = newestFirst(byKey.values())
  if (newest.length >= TICKER_LENGTH) {
    const before = new Set(newest.map(tickerKey))
    const rewritten = new Set(written.map(tickerKey))
    if (sorted.slice(TICKER_LENGTH).some((item) => before.has(tickerKey(item)) && rewritten.has(tickerKey(item)))) return undefined
  }
  return sorted.slice(0, TICKER_LENGTH)
}

/** A subtree's ticker from the newest items of each of its regions (each list newest first). */
export function mergeTicker(lists: readonly (readonly TickerItem[])[]): Ticker {
  // Take the newest head TICKER_LENGTH times: the province merges 205 lists every tick.
  const heads = lists.map(() => 0)
  const ticker: Ticker = {}
  for (let taken = 0; taken < TICKER_LENGTH; taken++) {
    let best = -1
    for (let list = 0; list < lists.length; list++) {
      const candidate = lists[list]?.[heads[list] as number]
      if (candidate === undefined) continue
      const current = best < 0 ? undefined : lists[best]?.[heads[best] as number]
      if (current === undefined || isNewer(candidate, current)) best = list
    }
    if (best < 0) break
    const item = lists[best]?.[heads[best] as number] as TickerItem
    heads[best] = (heads[best] as number) + 1
    ticker[tickerKey(item)] = item
  }
  return ticker
}

/**
 * The ticker item of a record just written, exactly as a read of it would give it; null
 * for a record the ticker does not show. The live hub adds these to what it keeps.
 */
export function tickerItemOf(record: IngestRecord, regions: RegionTree, timeZone: string): TickerItem | null {
  if (!isTickerRecord(record) || record.type === 'campaign') return null
  // Plain functions over the record, not closures made per record: ingest calls this for each one.
  const fields = record as unknown as Record<string, unknown>
  const entity = fields.entity as { name?: string } | undefined
  return toItem(
    {
      type: record.type,
      id: record.id,
      region_code: record.regionCode,
      event_at: new Date(record.type === 'complaint' || record.type === 'report' ? record.receivedAt : record.type === 'case' ? record.openedAt : record.occurredAt),
      status: textField(fields, 'status'),
      category: textField(fields, 'category'),
      channel: textField(fields, 'channel'),
      domain: textField(fields, 'domain'),
      entity_name: entity?.name ?? null,
      fine_yuan: typeof fields.fineYuan === 'number' ? String(fields.fineYuan) : null,
      confiscated_yuan: typeof fields.confiscatedYuan === 'number' ? String(fields.confiscatedYuan) : null,
      major: fields.major === true,
      failed: numberField(fields, 'failed'),
      batches: numberField(fields, 'batches'),
      serious_hazard: fields.seriousHazard === true,
    },
    regions,
    timeZone,
  )
}

const textField = (fields: Record<string, unknown>, name: string): string | null => (typeof fields[name] === 'string' ? (fields[name] as string) : null)
const numberField = (fields: Record<string, unknown>, name: string): number | null => (typeof fields[name] === 'number' ? (fields[name] as number) : null)

function toItem(row: TickerRow, regions: RegionTree, timeZone: string): TickerItem {
  const amount = row.fine_yuan === null && row.confiscated_yuan === null ? null : Number(row.fine_yuan ?? 0) + Number(row.confiscated_yuan ?? 0)
  return {
    type: row.type,
    id: row.id,
    regionCode: row.region_code,
    regionName: regions.get(row.region_code)?.name ?? row.region_code,
    at: isoInTimeZone(new Date(row.event_at), timeZone),
    status: row.status,
    alert: alertOf(row),
    category: row.category,
    channel: row.channel,
    domain: row.domain,
    entityName: row.entity_name,
    amountYuan: row.type === 'case' ? amount : null,
    failedBatches: row.type === 'food_sampling' ? row.failed : null,
    batches: row.type === 'food_sampling' ? row.batches : null,
  }
}

function alertOf(row: TickerRow): TickerAlert | null {
  if (row.type === 'case' && row.major === true) return 'major_case'
  if (row.type === 'food_sampling') return 'food_failed'
  if (row.type === 'inspection') return 'serious_hazard'
  return null
}
