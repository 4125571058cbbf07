// SQL of the ingest transaction: what is stored of records with their lifecycle steps,
// and of campaigns. The clocks that records run are stored by clocks/open-clocks-repository.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { IngestRecord } from '../../shared/records'
import { type OpenClockRow, insertOpenClocks } from '../clocks/open-clocks-repository'
import type { StatusStep } from '../clocks/statutory-clocks'
import { keyRows } from '../db/bulk'
import { settleAll } from '../db/settle-all'
import { WRITE_LOCK } from '../db/write-lock'
import type { Database } from '../db/schema'
import type { CampaignRow, CampaignTargets } from '../metrics/campaigns-repository'
import { insertCounterChanges } from '../counters/counter-store'
import type { RecordRow } from './record-version'

export interface StoredRecord {
  record: IngestRecord
  history: readonly StatusStep[]
}

/** The stored state of the given records, with their lifecycle history in time order. */
export async function loadStoredRecords(db: Kysely<Database>, keys: readonly { type: string; id: string }[]): Promise<Map<string, StoredRecord>> {
  const stored = new Map<string, StoredRecord>()
  if (keys.length === 0) return stored
  const { rows } = await sql<{ content: IngestRecord; steps: { status: string; statusAt: string }[] }>`
    select r.content, r.steps from records r where (r.type, r.id) in (select type, id from ${keyRows(keys)})`.execute(db)
  for (const { content, steps } of rows) {
    stored.set(recordKey(content), { record: content, history: steps.map((step) => ({ status: step.status, statusAt: new Date(step.statusAt) })) })
  }
  return stored
}

export async function existingCampaignIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('campaigns').select('id').where('id', 'in', [...ids]).execute()
  return new Set(rows.map((row) => row.id))
}

/**
 * Records as last received with their lifecycle history, as JSON rows: new ones
 * inserted, stored ones changed. Plain statements, no upsert: under the ingest
 * lock the probe before already told which is which.
 */
export async function writeRecords(db: Kysely<Database>, rows: { inserted: readonly RecordRow[]; changed: readonly RecordRow[] }): Promise<void> {
  await settleAll([
    rows.inserted.length === 0 ? undefined : insertRecords(recordRows(JSON.stringify(rows.inserted))).execute(db),
    rows.changed.length === 0
      ? undefined
      : sql`
          update records r set
            region_code = w.record->>'regionCode', event_at = w.event_at, status = w.record->>'status', status_at = (w.record->>'statusAt')::timestamptz,
            content = w.record, steps = w.history, updated_at = now()
          from ${recordRows(JSON.stringify(rows.changed))} as w
          where r.type = w.record->>'type' and r.id = w.record->>'id'`.execute(db),
  ])
}

/** RecordRows, sent as one JSON array, as (record, event_at, history); the record itself is the payload, so PostgreSQL parses each one once. */
function recordRows(json: string | RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(
    select item->'record' as record, (item->>'eventAt')::timestamptz as event_at, item->'history' as history
    from jsonb_array_elements(${json}::jsonb) as item)`
}

/** Inserts the rows of `rows` (shaped as `recordRows` gives them) for which `when` holds; columns are read from the record. */
function insertRecords(rows: RawBuilder<unknown>, when: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  return sql`
    insert into records (type, id, region_code, event_at, status, status_at, content, steps)
    select record->>'type', record->>'id', record->>'regionCode', event_at, record->>'status', (record->>'statusAt')::timestamptz, record, history
    from ${rows} as w where ${when}`
}

export interface StoredAnyOf {
  stored: boolean
  sweptUntil: Date
  /** the same, exactly as stored, for the database to compare later */
  watermark: string
}

/** Whether any of the given records is stored, and the sweep watermark; read without the write lock. */
export async function storedAnyOf(db: Kysely<Database>, keys: readonly { type: string; id: string }[]): Promise<StoredAnyOf> {
  const { rows } = await sql<{ stored: boolean; swept_until: Date | string; watermark: string }>`
    select exists (select 1 from records r where (r.type, r.id) in (select type, id from ${keyRows(keys)})) as stored, swept_until, swept_until::text as watermark
    from sweep_watermark`.execute(db)
  const row = rows[0] as (typeof rows)[number]
  return { stored: row.stored, sweptUntil: new Date(row.swept_until), watermark: row.watermark }
}

/** A batch of records none of which was stored, its clocks and counter changes worked out before the write lock. */
export interface NewRecordsWrite {
  rows: readonly RecordRow[]
  openClockRows: readonly OpenClockRow[]
  /** `CounterChanges.json()` */
  counterChanges: string | undefined
  /** the sweep watermark (`storedAnyOf`) the counter changes were worked out with */
  watermark: string
}

/**
 * Takes the write lock and writes the records, their open clocks and counter changes and
 * the next commit generation, in one statement and one round trip, in a transaction of its
 * own — provided, under the lock, none of the records is stored and the sweep watermark is
 * still the one the changes were worked out with. Returns the generation, or null when
 * nothing was written.
 */
export async function writeIfAllNew(db: Kysely<Database>, write: NewRecordsWrite): Promise<number | null> {
  // The values are after_advisory_lock's $1 … $4 (see its migration).
  const [records, watermark, clocks, counters] = [1, 2, 3, 4].map((position) => sql.raw(`$${position}`)) as [RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>, RawBuilder<unknown>]
  const fits = sql`(select ok from fits)`
  const statement = sql`
    with batch as ${recordRows(records)},
    fits as (
      select (select swept_until from sweep_watermark) = ${watermark}::timestamptz
        and not exists (select 1 from records r join batch w on r.type = w.record->>'type' and r.id = w.record->>'id') as ok
    ),
    inserted as (${insertRecords(sql`batch`, fits)}),
    clocks as (${insertOpenClocks(clocks, fits)}),
    counters as (${insertCounterChanges(counters, fits)}),
    generation as (update commit_generation set value = value + 1 where ${fits} returning value)
    select value from generation`.compile(db).sql
  const { rows } = await sql<{ generation: string | null }>`
    select after_advisory_lock(${WRITE_LOCK}, ${statement}, ${JSON.stringify(write.rows)}, ${write.watermark}, ${JSON.stringify(write.openClockRows)}, ${write.counterChanges ?? '[]'}) as generation`.execute(db)
  const generation = rows[0]?.generation ?? null
  return generation === null ? null : Number(generation)
}

export interface CampaignWrite extends CampaignRow {
  targets: Map<string, CampaignTargets>
}

export async function writeCampaign(db: Kysely<Database>, campaign: CampaignWrite): Promise<void> {
  const row = { id: campaign.id, name: campaign.name, name_en: campaign.nameEn, region_code: campaign.regionCode, starts_on: campaign.startsOn, ends_on: campaign.endsOn, domains: JSON.stringify(campaign.domains) }
  await db
    .insertInto('campaigns')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ name: row.name, name_en: row.name_en, region_code: row.region_code, starts_on: row.starts_on, ends_on: row.ends_on, domains: row.domains }))
    .execute()
  await db.deleteFrom('campaign_targets').where('campaign_id', '=', campaign.id).execute()
  const targets = [...campaign.targets].map(([region_code, target]) => ({ campaign_id: campaign.id, region_code, inspections: target.inspections, cases: target.cases }))
  if (targets.length > 0) await db.insertInto('campaign_targets').values(targets).execute()
}

export function recordKey(record: { type: string; id: string }): string {
  return `${record.type}|${record.id}`
}
