// Metric and campaign read routes. Values are computed per request from counters
// and state; the live hub will push changes, these answer snapshots and history.
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Problem, type Region, RegionCode } from '../../shared/api'
import { CampaignList, CampaignProgress, hasDailySeries, METRIC_BY_KEY, type MetricDefinition, type MetricKey, PeriodQuery, RegionBreakdown, RegionSummary, RegionTrend } from '../../shared/metrics'
import { Ticker } from '../../shared/ticker'
import { HttpProblem } from '../http/problem'
import { readCampaignProgress, readCampaigns } from './campaign-reads'
import { type ReadContext, type ResolvedPeriod, readBreakdown, readContext, readSummary, readTicker, readTrend, resolvePeriod } from './metric-reads'
import { DatabaseSource } from './metric-source'
import { subtreePrefix } from './overdue-queries'
import { PeriodError } from './period'

export interface MetricsOptions {
  /** IANA zone whose calendar days the counters use */
  timeZone: string
}

const invalidQuery = (field: string, message: string) => new HttpProblem(400, 'Invalid request', `${field} ${message}`, [{ field, message }])

const routes: FastifyPluginAsyncTypebox<MetricsOptions> = async (app, options) => {
  const source = new DatabaseSource(app.database.db, app.regions, options.timeZone)
  const context = (): ReadContext => readContext(source)

  const regionOf = (code: string): Region => {
    const region = app.regions.get(code)
    if (region === undefined) {
      throw new HttpProblem(404, 'Unknown region', `region ${code} is not a map region of ${app.regions.province.name} (${app.regions.province.code})`)
    }
    return region
  }

  const periodOf = async (ctx: ReadContext, text: string): Promise<ResolvedPeriod> => {
    try {
      return await resolvePeriod(ctx, text)
    } catch (error) {
      if (error instanceof PeriodError) throw invalidQuery('query.period', error.message)
      throw error
    }
  }

  // Checked here rather than as a schema enum so the problem names `query.metric` like `query.period`.
  const metricOf = (key: string): MetricDefinition => {
    const definition = METRIC_BY_KEY.get(key as MetricKey)
    if (definition === undefined) throw invalidQuery('query.metric', `"${key}" is not a metric of the catalogue (shared/metrics.ts METRIC_KEYS)`)
    return definition
  }

  const regionParams = Type.Object({ code: RegionCode })
  const MetricQuery = Type.String({ minLength: 1, maxLength: 64, description: 'a key of the metric catalogue, e.g. food_pass_rate' })
  const errors = { 400: Problem, 404: Problem }

  app.get(
    '/api/v1/regions/:code/summary',
    { schema: { params: regionParams, querystring: Type.Object({ period: PeriodQuery }), response: { 200: RegionSummary, ...errors } } },
    async (request) => {
      const ctx = context()
      const region = regionOf(request.params.code)
      return readSummary(ctx, region, await periodOf(ctx, request.query.period))
    },
  )

  app.get(
    '/api/v1/regions/:code/breakdown',
    { schema: { params: regionParams, querystring: Type.Object({ metric: MetricQuery, period: PeriodQuery }), response: { 200: RegionBreakdown, ...errors } } },
    async (request) => {
      const ctx = context()
      const region = regionOf(request.params.code)
      const definition = metricOf(request.query.metric)
      const period = await periodOf(ctx, request.query.period)
      return readBreakdown(ctx, region, app.regions.children(region.code), definition, period)
    },
  )

  app.get(
    '/api/v1/regions/:code/trend',
    {
      schema: {
        params: regionParams,
        querystring: Type.Object({ metric: MetricQuery, days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }) }),
        response: { 200: RegionTrend, ...errors },
      },
    },
    async (request) => {
      const ctx = context()
      const region = regionOf(request.params.code)
      const definition = metricOf(request.query.metric)
      if (!hasDailySeries(definition)) throw invalidQuery('query.metric', `${definition.key} is not a sum over days (a state of now or a campaign figure), so it has no daily series`)
      return readTrend(ctx, region, definition, request.query.days)
    },
  )

  app.get(
    '/api/v1/regions/:code/ticker',
    { schema: { params: regionParams, response: { 200: Ticker, ...errors } } },
    async (request) => readTicker(context(), app.regions.subtree(regionOf(request.params.code).code)),
  )

  app.get('/api/v1/campaigns', { schema: { response: { 200: CampaignList } } }, async () => {
    const ctx = context()
    return { campaigns: await readCampaigns(ctx.loader, ctx.today) }
  })

  app.get(
    '/api/v1/campaigns/:id/progress',
    {
      schema: {
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ region: Type.Optional(RegionCode) }),
        response: { 200: CampaignProgress, ...errors },
      },
    },
    async (request) => {
      const ctx = context()
      const campaign = await ctx.loader.campaign(request.params.id)
      if (campaign === undefined) throw new HttpProblem(404, 'Unknown campaign', `there is no campaign ${request.params.id}`)
      const region = regionOf(request.query.region ?? campaign.regionCode)
      const covered = app.regions.get(campaign.regionCode)
      if (covered !== undefined && !region.code.startsWith(subtreePrefix(covered))) {
        throw invalidQuery('query.region', `${region.code} is outside the campaign's region ${covered.code}`)
      }
      return readCampaignProgress(ctx, campaign, region, app.regions.children(region.code))
    },
  )
}

export default fp<MetricsOptions>(
  async (app, options) => {
    await app.register(routes, options)
  },
  { name: 'metrics', dependencies: ['database', 'regions'] },
)
