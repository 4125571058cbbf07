// Campaigns and their per-region targets as ingest stored them.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export interface CampaignRow {
  id: string
  name: string
  /** null: the campaign gave no English name */
  nameEn: string | null
  regionCode: string
  startsOn: string
  endsOn: string
  domains: string[]
}

export interface CampaignTargets {
  inspections: number | null
  cases: number | null
}

const columns = ['id', 'name', 'name_en', 'region_code', 'starts_on', 'ends_on', 'domains'] as const

function toCampaign(row: { id: string; name: string; name_en: string | null; region_code: string; starts_on: string; ends_on: string; domains: string[] }): CampaignRow {
  return { id: row.id, name: row.name, nameEn: row.name_en, regionCode: row.region_code, startsOn: row.starts_on, endsOn: row.ends_on, domains: row.domains }
}

export async function listCampaigns(db: Kysely<Database>): Promise<CampaignRow[]> {
  const rows = await db.selectFrom('campaigns').select(columns).orderBy('starts_on', 'desc').orderBy('id').execute()
  return rows.map(toCampaign)
}

/** Targets per region; regions without a row are absent. */
export async function targetsOf(db: Kysely<Database>, campaignId: string, regionCodes: readonly string[]): Promise<Map<string, CampaignTargets>> {
  if (regionCodes.length === 0) return new Map()
  const rows = await db
    .selectFrom('campaign_targets')
    .select(['region_code', 'inspections', 'cases'])
    .where('campaign_id', '=', campaignId)
    .where('region_code', 'in', regionCodes)
    .execute()
  return new Map(rows.map((row) => [row.region_code, { inspections: row.inspections, cases: row.cases }]))
}
