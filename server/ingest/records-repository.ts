// SQL of the ingest transaction: what is stored of records, their lifecycle
// steps, statutory clocks and campaigns.
import { type Kysely, sql } from 'kysely'
import type { IngestRecord } from '../../shared/records'
import type { Database } from '../db/schema'
import type { StatusStep, StatutoryClock } from '../metrics/contributions'

export interface StoredRecord {
  record: IngestRecord
  hash: string
  history: StatusStep[]
}

const ROWS_PER_STATEMENT = 2000
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
  for (let start = 0; start < keys.length; start += ROWS_PER_STATEMENT) {
    const chunk = keys.slice(start, start + ROWS_PER_STATEMENT)
    const pairs = sql.join(chunk.map((key) => sql`(${key.type}, ${key.id})`))
    const rows = await db.selectFrom('records').select(['type', 'id', 'content', 'content_hash']).where(sql<boolean>`(type, id) in (${pairs})`).execute()
    for (const row of rows) stored.set(recordKey(row), { record: row.content as IngestRecord, hash: row.content_hash, history: [] })
    const steps = await db.selectFrom('record_steps').select(['type', 'id', 'status', 'status_at']).where(sql<boolean>`(type, id) in (${pairs})`).orderBy('status_at').execute()
    for (const step of steps) stored.get(recordKey(step))?.history.push({ status: step.status, statusAt: new Date(step.status_at) })
  }
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
  for (let start = 0; start < writes.length; start += ROWS_PER_STATEMENT) {
    const chunk = writes.slice(start, start + ROWS_PER_STATEMENT)
    await db
      .insertInto('records')
      .values(
        chunk.map(({ record, hash, eventAt }) => ({
          type: record.type,
          id: record.id,
          region_code: record.regionCode,
          event_at: eventAt,
          status: 'status' in record ? record.status : null,
          status_at: 'statusAt' in record ? record.statusAt : null,
          content: JSON.stringify(record),
          content_hash: hash,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['type', 'id']).doUpdateSet((eb) => ({
          region_code: eb.ref('excluded.region_code'),
          event_at: eb.ref('excluded.event_at'),
          status: eb.ref('excluded.status'),
          status_at: eb.ref('excluded.status_at'),
          content: eb.ref('excluded.content'),
          content_hash: eb.ref('excluded.content_hash'),
          updated_at: sql`now()`,
        })),
      )
      .execute()
  }
  const steps = writes.flatMap(({ record, newSteps }) => newSteps.map((step) => ({ type: record.type, id: record.id, status: step.status, status_at: step.statusAt })))
  for (let start = 0; start < steps.length; start += ROWS_PER_STATEMENT) {
    await db.insertInto('record_steps').values(steps.slice(start, start + ROWS_PER_STATEMENT)).onConflict((conflict) => conflict.doNothing()).execute()
  }
  const clocks = writes.flatMap(({ record, clocks }) =>
    clocks.map((clock) => ({ record_type: record.type, record_id: record.id, clock: clock.clock, region_code: record.regionCode, starts_at: clock.startsAt, due_at: clock.dueAt, done_at: clock.doneAt })),
  )
  for (let start = 0; start < clocks.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('deadlines')
      .values(clocks.slice(start, start + ROWS_PER_STATEMENT))
      .onConflict((conflict) =>
        conflict.columns(['record_type', 'record_id', 'clock']).doUpdateSet((eb) => ({
          region_code: eb.ref('excluded.region_code'),
          starts_at: eb.ref('excluded.starts_at'),
          due_at: eb.ref('excluded.due_at'),
          done_at: eb.ref('excluded.done_at'),
        })),
      )
      .execute()
  }
}

export interface CampaignWrite {
  id: string
  name: string
  regionCode: string
  startsOn: string
  endsOn: string
  domains: string[]
  targets: Map<string, { inspections: number | null; cases: number | null }>
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
