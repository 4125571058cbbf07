// What the HTTP endpoints answer for a live view, put together as a live snapshot is:
// summary, the breakdown of every metric, campaign progress, ticker, open alerts. Campaigns in the
// tests cover the whole province, so every running one is shown outside a campaign period.
import { isDeepStrictEqual } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { type AlertList, LIVE_ALERTS_LENGTH } from '../../shared/alerts'
import type { LiveSnapshot, LiveView } from '../../shared/live'
import { type CampaignList, METRIC_KEYS, type RegionBreakdown } from '../../shared/metrics'
import type { HeldView } from './live-screen'

async function getJson<T>(app: FastifyInstance, url: string): Promise<T> {
  const response = await app.inject(url)
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`)
  return response.json<T>()
}

export async function httpSnapshot(app: FastifyInstance, { region, period }: LiveView): Promise<LiveSnapshot> {
  const query = `period=${encodeURIComponent(period)}`
  const { campaigns } = await getJson<CampaignList>(app, '/api/v1/campaigns')
  const shown = period.startsWith('campaign:') ? [period.slice('campaign:'.length)] : campaigns.filter((campaign) => campaign.status === 'running').map((campaign) => campaign.id)
  const breakdowns = await Promise.all(METRIC_KEYS.map((key) => getJson<RegionBreakdown>(app, `/api/v1/regions/${region}/breakdown?metric=${key}&${query}`)))
  return {
    summary: await getJson(app, `/api/v1/regions/${region}/summary?${query}`),
    breakdowns: Object.fromEntries(METRIC_KEYS.map((key, index) => [key, breakdowns[index]])) as LiveSnapshot['breakdowns'],
    campaigns: await Promise.all(shown.map((id) => getJson<LiveSnapshot['campaigns'][number]>(app, `/api/v1/campaigns/${id}/progress?region=${region}`))),
    ticker: await getJson(app, `/api/v1/regions/${region}/ticker`),
    alerts: Object.fromEntries((await getJson<AlertList>(app, `/api/v1/alerts?region=${region}`)).alerts.slice(0, LIVE_ALERTS_LENGTH).map((alert) => [alert.id, alert])),
    tasks: await getJson(app, `/api/v1/regions/${region}/tasks/figures`),
  }
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

/**
 * Waits until a held view equals what HTTP answers, reading both again each time (alerts are
 * evaluated a moment after a commit, so an answer read once can go stale); on a timeout it
 * asserts against the last answer, so a failure shows the difference. Loaded CI machines need
 * seconds, not ticks.
 */
export async function expectHeldAsHttp(app: FastifyInstance, held: HeldView, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let answer = await httpSnapshot(app, held.view)
  while (!isDeepStrictEqual(plain(held.snapshot), plain(answer)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    answer = await httpSnapshot(app, held.view)
  }
  expect(held.snapshot).toEqual(answer)
}
