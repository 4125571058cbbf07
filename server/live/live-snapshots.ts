// What a live screen gets when it subscribes to a view (region × period): exactly
// what the HTTP endpoints answer for it, read from the same functions.
import { Errors } from 'typebox/value'
import type { Alert } from '../../shared/alerts'
import type { Region } from '../../shared/api'
import type { Static, TObject } from 'typebox'
import type { LiveErrorCode, LiveSnapshot, LiveView } from '../../shared/live'
import { readCampaignProgress } from '../metrics/campaign-reads'
import type { CampaignRow } from '../metrics/campaigns-repository'
import { campaignCovers, campaignStatus } from '../metrics/campaign-progress'
import type { ReadContext } from '../metrics/metric-loader'
import { type ResolvedPeriod, readBreakdowns, readSummary, readTicker, resolvePeriod } from '../metrics/metric-reads'
import { type RegionTree, UnknownRegionError } from '../regions/region-tree'
import { noTaskFigures } from '../tasks/task-figures'

/** A request the screen can correct: said back to it, and the socket stays usable. */
export class LiveRequestError extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** The payload as the request `schema` describes, or a LiveRequestError naming the field and what is wrong with it. */
export function parseRequest<T extends TObject>(schema: T, payload: unknown): Static<T> {
  const fields = Object.keys(schema.properties).join(', ')
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new LiveRequestError('invalid_payload', `the payload must be an object {${fields}}`)
  }
  const [error] = Errors(schema, payload)
  if (error === undefined) return payload as Static<T>
  const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] }
  if (error.keyword === 'required') throw new LiveRequestError('invalid_payload', `${params.requiredProperties?.join(', ')} is required`)
  if (error.keyword === 'additionalProperties' || error.keyword === 'boolean') {
    throw new LiveRequestError('invalid_payload', `${params.additionalProperties?.join(', ') ?? error.instancePath.slice(1)} is not a field of this request; it has ${fields}`)
  }
  const field = error.instancePath.slice(1)
  if (field === 'region') throw new LiveRequestError('invalid_payload', 'region must be a six-digit GB/T 2260 region code')
  throw new LiveRequestError('invalid_payload', `${field} ${error.message}`)
}

/** The open alerts of a region's subtree as a snapshot carries them (server/alerts readLiveAlerts). */
export type LiveAlertReader = (regionCode: string) => Promise<Record<string, Alert>>

/** The view's snapshot as `ctx` reads it; views read with one context are read together. */
export async function readLiveSnapshot(ctx: ReadContext, regions: RegionTree, view: LiveView, readAlerts: LiveAlertReader): Promise<LiveSnapshot> {
  const region = requireRegion(regions, view.region)
  const period = await resolvePeriod(ctx, view.period, (reason) => new LiveRequestError('invalid_period', `period ${reason}`))
  const children = regions.children(region.code)
  const [summary, breakdowns, campaigns, ticker, alerts, tasks] = await Promise.all([
    readSummary(ctx, region, period),
    readBreakdowns(ctx, region, children, period),
    campaignsShown(ctx, regions, region, period).then((shown) => Promise.all(shown.map((campaign) => readCampaignProgress(ctx, campaign, region, children)))),
    readTicker(ctx, regions.subtree(region.code)),
    readAlerts(region.code),
    ctx.loader.tasks([region.code]).then((figures) => figures.get(region.code) ?? noTaskFigures()),
  ])
  return { summary, breakdowns, campaigns, ticker, alerts, tasks }
}

/** The region of a code, or a LiveRequestError `unknown_region`. */
export function requireRegion(regions: RegionTree, code: string): Region {
  try {
    return regions.require(code)
  } catch (error) {
    if (error instanceof UnknownRegionError) throw new LiveRequestError('unknown_region', error.message)
    throw error
  }
}

/** The period's campaign, or every running campaign whose region holds this one (as the progress endpoint allows). */
async function campaignsShown(ctx: ReadContext, regions: RegionTree, region: Region, period: ResolvedPeriod): Promise<CampaignRow[]> {
  const candidates = period.campaign !== null ? [period.campaign] : (await ctx.loader.campaigns()).filter((campaign) => campaignStatus(campaign, ctx.today) === 'running')
  return candidates.filter((campaign) => campaignCovers(regions, campaign, region.code))
}
