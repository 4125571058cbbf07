// Builds the whole app from its plugins. `main` and the tests both call this.
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import accessPlugin from './access/plugin'
import alertsPlugin from './alerts/plugin'
import auditRoutesPlugin from './access/audit-routes'
import sessionRoutesPlugin from './access/session-routes'
import tokenHolderRoutesPlugin from './access/token-holder-routes'
import userRoutesPlugin from './access/user-routes'
import { redactScreenToken } from './access/screen-exchange'
import type { Config } from './config/config'
import databasePlugin from './db/plugin'
import demoPlugin from './demo/plugin'
import geoPlugin from './geo/plugin'
import { isDemoRequest } from './demo/ingest-client'
import healthPlugin from './health/plugin'
import docsPlugin from './docs/plugin'
import securityHeadersPlugin from './http/security-headers'
import eventsPlugin from './events/plugin'
import deadlineSweeperPlugin from './clocks/deadline-sweeper'
import ingestServicePlugin from './ingest/ingest-service'
import ingestRoutesPlugin from './ingest/ingest-routes'
import { answerFrameworkError, registerProblemHandlers } from './http/problem'
import { RATE_LIMIT_OPTIONS } from './http/rate-limit'
import livePlugin from './live/plugin'
import counterFolderPlugin from './counters/counter-folder'
import metricsPlugin from './metrics/plugin'
import regionsPlugin from './regions/plugin'
import staticPlugin from './static/plugin'
import tasksPlugin from './tasks/plugin'

export interface AppOptions {
  config: Config
  /** overrides the pino logger built from config.logLevel (tests pass false) */
  logger?: FastifyServerOptions['logger']
}

/** Fastify's request serializer, but a wall URL's screen token is not written to the log. */
const requestSerializer = (request: FastifyRequest) => ({
  method: request.method,
  url: redactScreenToken(request.url),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
})

export async function buildApp({ config, logger }: AppOptions): Promise<FastifyInstance> {
  const loggerOptions = logger ?? { level: config.logLevel }
  const app = Fastify({
    logger: typeof loggerOptions === 'object' ? { ...loggerOptions, serializers: { ...loggerOptions.serializers, req: requestSerializer } } : loggerOptions,
    bodyLimit: 10 * 1024 * 1024,
    // Wall screens hold sockets for weeks; let shutdown close them instead of waiting.
    forceCloseConnections: true,
    // URLs the router refuses (a path parameter over maxParamLength) answer problem+json too.
    frameworkErrors: answerFrameworkError,
    // The demo's own ingest calls would drown the access log.
    logController: new LogController({ disableRequestLogging: isDemoRequest }),
    // Off unless configured: believed X-Forwarded-Proto decides the session cookie's Secure flag.
    trustProxy: config.trustProxy ?? false,
    // Opening PGlite and migrating its folder takes seconds, more on a busy or slow machine
    // than Fastify's 10 s default allows a plugin: a slow start is not a broken one.
    pluginTimeout: 60_000,
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerProblemHandlers(app)
  await app.register(docsPlugin)
  await app.register(securityHeadersPlugin)
  await app.register(cookie)
  await app.register(rateLimit, RATE_LIMIT_OPTIONS)
  await app.register(databasePlugin, { databaseUrl: config.databaseUrl, dataDir: config.dataDir, bulkLoadWhenNew: config.demo && config.demoHistoryDays === undefined })
  await app.register(regionsPlugin, { provinceCode: config.provinceCode, referenceCsv: config.referenceCsv })
  await app.register(accessPlugin, { anonymousProvince: config.anonymous === 'viewer' ? config.provinceCode : undefined, demo: config.demo })
  await app.register(geoPlugin)
  await app.register(eventsPlugin)
  await app.register(metricsPlugin, { timeZone: config.timeZone })
  await app.register(ingestServicePlugin, { timeZone: config.timeZone })
  await app.register(ingestRoutesPlugin, { ratePerMinute: config.ingestRateLimit })
  await app.register(deadlineSweeperPlugin, { timeZone: config.timeZone, intervalMs: 1000 })
  await app.register(alertsPlugin, { timeZone: config.timeZone, intervalMs: config.alertIntervalMs })
  await app.register(counterFolderPlugin, { intervalMs: 5000 })
  await app.register(healthPlugin)
  await app.register(sessionRoutesPlugin)
  await app.register(userRoutesPlugin)
  await app.register(tokenHolderRoutesPlugin)
  await app.register(auditRoutesPlugin)
  await app.register(tasksPlugin, { timeZone: config.timeZone, intervalMs: 1000 })
  await app.register(livePlugin, { databaseUrl: config.databaseUrl, heartbeatMs: config.heartbeatMs, tickMs: config.liveTickMs, timeZone: config.timeZone, trustProxy: config.trustProxy })
  await app.register(staticPlugin)
  // Last: the demo feeds ingest through the app's own routes and must stop before the database closes.
  if (config.demo) await app.register(demoPlugin, { speed: config.demoSpeed, historyDays: config.demoHistoryDays, timeZone: config.timeZone })
  return app
}
