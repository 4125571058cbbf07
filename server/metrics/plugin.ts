// Metric and campaign read routes. Values are computed per request from counters
// and state; the live hub will push changes, these answer snapshots and history.
// The app is decorated with the cached source that live views read through.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { type ProblemCode, RegionCode } from '../../shared/api'
import { CampaignList, CampaignProgress, DEFAULT_PERIOD, hasDailySeries, METRIC_BY_KEY, type MetricDefinition, type MetricKey, PeriodQuery, RegionBreakdown, RegionSummary, RegionTrend } from '../../shared/metrics'
import { Ticker } from '../../shared/ticker'
import { forbiddenDetail, onlyReaders, requireAllowed, requireGranted } from '../access/principal-of'
import { allows, overlapsScope } from '../access/roles'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, HttpProblem, NOT_A_READER, OUTSIDE_READ_SCOPE, UNAUTHENTICATED, problemResponses } from '../http/problem'
import { campaignCovers } from './campaign-progress'
import { readCampaignProgress, readCampaigns } from './campaign-reads'
import { type ReadContext, readContext } from './metric-loader'
import { type ResolvedPeriod, readBreakdown, readSummary, readTicker, readTrend, resolvePeriod } from './metric-reads'
import { CachedSource } from './cached-source'
import { databaseBuckets } from './kept-counters'
import { DatabaseSource, type MetricSource } from './metric-source'
import { LoadingDays } from './loading-days'

declare module 'fastify' {
  interface FastifyInstance {
    /** the database source with what live views read kept in front of it */
    metricCache: CachedSource
    /** days a bulk load is still filling: summaries compare no year with them */
    loadingDays: LoadingDays
  }
}

export interface MetricsOptions {
  /** IANA zone whose calendar days the counters use */
  timeZone: string
}

const DEFAULT_TREND_DAYS = 30

const invalidQuery = (field: string, message: string, code: ProblemCode = 'invalid_request') => new HttpProblem(400, 'Invalid request', `${field} ${message}`, [{ field, message }], code)

// HTTP reads go to the database itself: each answers the state at its request.
const routes: FastifyPluginAsyncTypebox<{ source: MetricSource }> = async (app, { source }) => {
  const context = (): ReadContext => readContext(source)

  // Optional in the document; Ajv fills in the schema's default, which the handler's type cannot know.
  const periodOf = (ctx: ReadContext, text = DEFAULT_PERIOD): Promise<ResolvedPeriod> => resolvePeriod(ctx, text, (reason) => invalidQuery('query.period', reason, 'invalid_period'))

  // Checked here rather than as a schema enum so the problem names `query.metric` like `query.period`.
  const metricOf = (key: string): MetricDefinition => {
    const definition = METRIC_BY_KEY.get(key as MetricKey)
    if (definition === undefined) throw invalidQuery('query.metric', `"${key}" is not a metric of the catalogue (shared/metrics.ts METRIC_KEYS)`)
    return definition
  }

  const regionParams = Type.Object({ code: RegionCode })
  const MetricQuery = Type.String({ minLength: 1, maxLength: 64, description: 'a key of the metric catalogue, e.g. food_pass_rate' })
  const periodQuery = Type.Optional(PeriodQuery)
  const INVALID_PERIOD = '`invalid_period`: `period` cannot be read, names no campaign, starts after today or spans more than 3 years'
  const regionProblems = (invalid: string) =>
    problemResponses({ 400: invalid, 401: UNAUTHENTICATED, 403: OUTSIDE_READ_SCOPE, 404: '`unknown_region`: no region of the province has this code', 503: DATABASE_UNAVAILABLE })
  /** The region a route names, known and in the caller's read scope: 404, then 403. */
  const readableRegion = async (request: FastifyRequest, code: string) => {
    const region = app.regions.require(code)
    await requireAllowed(request, 'read', region.code)
    return region
  }

  /** The campaign's own region when the caller may read it, else the caller's scope when the campaign covers it; 403 otherwise. */
  const defaultCampaignRegion = async (request: FastifyRequest, campaignRegion: string) => {
    const principal = await requireGranted(request, 'read')
    if (allows(principal, 'read', campaignRegion, app.regions)) return app.regions.require(campaignRegion)
    if (app.regions.contains(campaignRegion, principal.region)) return app.regions.require(principal.region)
    throw new HttpProblem(403, 'Forbidden', forbiddenDetail(principal, 'read', campaignRegion))
  }

  app.get(
    '/api/v1/regions/:code/summary',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.metrics],
        summary: 'Every metric of a region over a period',
        description: 'With numerator, denominator, target and the same days a year earlier (null where no counter moved then).',
        params: regionParams,
        querystring: Type.Object({ period: periodQuery }),
        response: { 200: RegionSummary, ...regionProblems(`${INVALID_PERIOD}; \`invalid_request\`: \`code\` is not a six-digit region code`) },
      },
    },
    async (request) => {
      const ctx = context()
      const region = await readableRegion(request, request.params.code)
      return readSummary(ctx, region, await periodOf(ctx, request.query.period))
    },
  )

  app.get(
    '/api/v1/regions/:code/breakdown',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.metrics],
        summary: 'A metric for each child region, ranked',
        description: "Children in the region tree's order, each with its rank (ties share one).",
        params: regionParams,
        querystring: Type.Object({ metric: MetricQuery, period: periodQuery }),
        response: { 200: RegionBreakdown, ...regionProblems(`${INVALID_PERIOD}; \`invalid_request\`: \`metric\` is missing or not in the catalogue, or \`code\` is not a region code`) },
      },
    },
    async (request) => {
      const ctx = context()
      const region = await readableRegion(request, request.params.code)
      const definition = metricOf(request.query.metric)
      const period = await periodOf(ctx, request.query.period)
      return readBreakdown(ctx, region, app.regions.children(region.code), definition, period)
    },
  )

  app.get(
    '/api/v1/regions/:code/trend',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.metrics],
        summary: 'Daily series of a metric over the last days',
        params: regionParams,
        querystring: Type.Object({ metric: MetricQuery, days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: DEFAULT_TREND_DAYS })) }),
        response: { 200: RegionTrend, ...regionProblems('`invalid_request`: `metric` is missing, not in the catalogue or not a sum over days; `days` is not 1–366; or `code` is not a region code') },
      },
    },
    async (request) => {
      const ctx = context()
      const region = await readableRegion(request, request.params.code)
      const definition = metricOf(request.query.metric)
      if (!hasDailySeries(definition)) throw invalidQuery('query.metric', `${definition.key} is not a sum over days (a state of now or a campaign figure), so it has no daily series`)
      return readTrend(ctx, region, definition, request.query.days ?? DEFAULT_TREND_DAYS)
    },
  )

  app.get(
    '/api/v1/regions/:code/ticker',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.metrics],
        summary: 'The newest complaints, reports, cases and alerts of a region and below',
        params: regionParams,
        response: { 200: Ticker, ...regionProblems('`invalid_request`: `code` is not a six-digit region code') },
      },
    },
    async (request) => readTicker(context(), app.regions.subtree((await readableRegion(request, request.params.code)).code)),
  )

  app.get(
    '/api/v1/campaigns',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.campaigns],
        summary: 'The campaigns that concern your scope, with their dates and status',
        description: 'Those whose region lies inside your scope or contains it: a city sees its own campaigns and the province-wide ones, not another city\'s.',
        response: { 200: CampaignList, ...problemResponses({ 401: UNAUTHENTICATED, 403: NOT_A_READER, 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const principal = await requireGranted(request, 'read')
      const ctx = context()
      const campaigns = await readCampaigns(ctx.loader, ctx.today)
      return { campaigns: campaigns.filter((campaign) => overlapsScope(principal, campaign.regionCode, app.regions)) }
    },
  )

  app.get(
    '/api/v1/campaigns/:id/progress',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.campaigns],
        summary: "A campaign's progress per child region against target and schedule",
        description:
          "Of `region` when given (inside the campaign's region and your scope); else of the campaign's own region when it lies in your scope, else of your scope when that lies inside the campaign's region. Lagging children are more than 10 points behind the schedule.",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ region: Type.Optional(RegionCode) }),
        response: {
          200: CampaignProgress,
          ...problemResponses({
            400: '`region` is not a region code or lies outside the campaign\'s region; or `id` is longer than 64 characters',
            401: UNAUTHENTICATED,
            403: "`forbidden`: the principal's role does not read, `region` lies outside its scope, or (without `region`) the campaign's region and its scope lie neither one within the other",
            404: '`unknown_campaign`: no campaign has this id; `unknown_region`: no region of the province has the code of `region`',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request) => {
      const ctx = context()
      const campaign = await ctx.loader.campaign(request.params.id)
      if (campaign === undefined) throw new HttpProblem(404, 'Unknown campaign', `there is no campaign ${request.params.id}`, undefined, 'unknown_campaign')
      const region = request.query.region === undefined ? await defaultCampaignRegion(request, campaign.regionCode) : await readableRegion(request, request.query.region)
      if (!campaignCovers(app.regions, campaign, region.code)) throw invalidQuery('query.region', `${region.code} is outside the campaign's region ${campaign.regionCode}`)
      return readCampaignProgress(ctx, campaign, region, app.regions.children(region.code))
    },
  )
}

export default fp<MetricsOptions>(
  async (app, options) => {
    const loadingDays = new LoadingDays()
    const database = new DatabaseSource(app.database.db, app.regions, options.timeZone, loadingDays)
    const cache = new CachedSource(database, databaseBuckets(app.database.db))
    app.events.recordsCommitted.subscribe((event) => cache.recordsCommitted(event))
    app.events.clocksSwept.subscribe((event) => cache.clocksSwept(event))
    app.events.tasksChanged.subscribe((event) => cache.tasksChanged(event))
    app.decorate('metricCache', cache)
    app.decorate('loadingDays', loadingDays)
    await app.register(routes, { source: database })
  },
  { name: 'metrics', dependencies: ['database', 'regions', 'events'] },
)
