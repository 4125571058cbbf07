// SQL of the ingest transaction: what is stored of records, their lifecycle
// steps, statutory clocks and campaigns.
import { type Kysely, sql } from 'kysely'
import type { IngestRecord } from '../../shared/records'
import { jsonRows } from '../db/bulk'
import type { Database } from '../db/schema'
import type { CampaignRow, CampaignTargets } from '../metrics/campaigns-repository'
import type { StatusStep, StatutoryClock } from '../metrics/contributions'

export interface StoredRecord {
  record: IngestRecord
  hash: string
  history: StatusStep[]
}

const INGEST_LOCK = 7_240_001 // one writer at a time across instances: counters stay exact

export async function lockIngest(db: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${INGEST_LOCK})`.execute(db)
}

export async function sweptUntil(db: Kysely<Database>): Promise<Date> {
  const row = await db.selectFrom('sweep_watermark').select('swept_until').executeTakeFirstOrThrow()
  return new Date(row.swept_until)
}

export async function setSweptUntil(db: Kysely<Database>, until: Date): Promise<void> {
  await db.updateTable('sweep_watermark').set({ swept_until: until }).execute()
}

/** The stored state of the given records, with their lifecycle history in time order. */
export async function loadStoredRecords(db: Kysely<Database>, keys: readonly { type: string; id: string }[]): Promise<Map<string, StoredRecord>> {
  const stored = new Map<string, StoredRecord>()
  if (keys.length === 0) return stored
  const wanted = jsonRows(keys.map(({ type, id }) => ({ type, id })), { type: 'text', id: 'text' })
  const { rows } = await sql<{ type: string; id: string; content: IngestRecord; content_hash: string }>`
    select distinct r.type, r.id, r.content, r.content_hash from records r join ${wanted} using (type, id)`.execute(db)
  for (const row of rows) stored.set(recordKey(row), { record: row.content, hash: row.content_hash, history: [] })
  if (stored.size === 0) return stored
  const known = jsonRows([...stored.values()].map(({ record }) => ({ type: record.type, id: record.id })), { type: 'text', id: 'text' })
  const { rows: steps } = await sql<{ type: string; id: string; status: string; status_at: Date }>`
    select s.type, s.id, s.status, s.status_at from record_steps s join ${known} using (type, id) order by s.status_at`.execute(db)
  for (const step of steps) stored.get(recordKey(step))?.history.push({ status: step.status, statusAt: new Date(step.status_at) })
  return stored
}

export async function existingCampaignIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('campaigns').select('id').where('id', 'in', [...ids]).execute()
  return new Set(rows.map((row) => row.id))
}

export interface RecordWrite {
  record: IngestRecord
  hash: string
  eventAt: Date
  newSteps: StatusStep[]
  clocks: StatutoryClock[]
}

export async function writeRecords(db: Kysely<Database>, writes: readonly RecordWrite[]): Promise<void> {
  if (writes.length === 0) return
  const records = writes.map(({ record, hash, eventAt }) => ({
    type: record.type,
    id: record.id,
    region_code: record.regionCode,
    event_at: eventAt.toISOString(),
    status: 'status' in record ? record.status : null,
    status_at: 'statusAt' in record ? record.statusAt : null,
    content: record,
    content_hash: hash,
  }))
  await sql`
    insert into records (type, id, region_code, event_at, status, status_at, content, content_hash)
    select type, id, region_code, event_at, status, status_at, content, content_hash
    from ${jsonRows(records, { type: 'text', id: 'text', region_code: 'text', event_at: 'timestamptz', status: 'text', status_at: 'timestamptz', content: 'jsonb', content_hash: 'text' })}
    on conflict (type, id) do update set
      region_code = excluded.region_code, event_at = excluded.event_at, status = excluded.status, status_at = excluded.status_at,
      content = excluded.content, content_hash = excluded.content_hash, updated_at = now()`.execute(db)

  const steps = writes.flatMap(({ record, newSteps }) => newSteps.map((step) => ({ type: record.type, id: record.id, status: step.status, status_at: step.statusAt.toISOString() })))
  if (steps.length > 0) {
    await sql`
      insert into record_steps (type, id, status, status_at)
      select type, id, status, status_at from ${jsonRows(steps, { type: 'text', id: 'text', status: 'text', status_at: 'timestamptz' })}
      on conflict do nothing`.execute(db)
  }

  const clocks = writes.flatMap(({ record, clocks }) =>
    clocks.map((clock) => ({ record_type: record.type, record_id: record.id, clock: clock.clock, region_code: record.regionCode, starts_at: clock.startsAt.toISOString(), due_at: clock.dueAt.toISOString(), done_at: clock.doneAt?.toISOString() ?? null })),
  )
  if (clocks.length > 0) {
    await sql`
      insert into deadlines (record_type, record_id, clock, region_code, starts_at, due_at, done_at)
      select record_type, record_id, clock, region_code, starts_at, due_at, done_at
      from ${jsonRows(clocks, { record_type: 'text', record_id: 'text', clock: 'text', region_code: 'text', starts_at: 'timestamptz', due_at: 'timestamptz', done_at: 'timestamptz' })}
      on conflict (record_type, record_id, clock) do update set
        region_code = excluded.region_code, starts_at = excluded.starts_at, due_at = excluded.due_at, done_at = excluded.done_at`.execute(db)
  }
}

export interface CampaignWrite extends CampaignRow {
  targets: Map<string, CampaignTargets>
}

export async function writeCampaign(db: Kysely<Database>, campaign: CampaignWrite): Promise<void> {
  const row = { id: campaign.id, name: campaign.name, region_code: campaign.regionCode, starts_on: campaign.startsOn, ends_on: campaign.endsOn, domains: JSON.stringify(campaign.domains) }
  await db
    .insertInto('campaigns')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ name: row.name, region_code: row.region_code, starts_on: row.starts_on, ends_on: row.ends_on, domains: row.domains }))
    .execute()
  await db.deleteFrom('campaign_targets').where('campaign_id', '=', campaign.id).execute()
  const targets = [...campaign.targets].map(([region_code, target]) => ({ campaign_id: campaign.id, region_code, inspections: target.inspections, cases: target.cases }))
  if (targets.length > 0) await db.insertInto('campaign_targets').values(targets).execute()
}

export function recordKey(record: { type: string; id: string }): string {
  return `${record.type}|${record.id}`
}
