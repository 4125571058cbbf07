// The one place that reads the environment. Everything else receives a Config.
import { parseArgs } from 'node:util'
import path from 'node:path'
import envSchema from 'env-schema'
import Type, { type Static } from 'typebox'
import { REGION_CODE_PATTERN } from '../../shared/region-codes'
import { assertTimeZone } from '../time/zoned-time'
import { StartupError } from './startup-error'

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  REGDECK_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  REGDECK_PROVINCE: Type.String({ pattern: REGION_CODE_PATTERN.replace('[0-9]{5}', '[0-9]0000'), default: '510000' }),
  REGDECK_DEMO: Type.Enum(['1', '0'], { default: '1' }),
  REGDECK_DEMO_SPEED: Type.Number({ exclusiveMinimum: 0, maximum: 10_000, default: 20 }),
  REGDECK_DEMO_HISTORY_DAYS: Type.Optional(Type.Integer({ minimum: 0, maximum: 400 })),
  REGDECK_REFERENCE_CSV: Type.Optional(Type.String({ minLength: 1 })),
  REGDECK_TIME_ZONE: Type.String({ minLength: 1, default: 'Asia/Shanghai' }),
  REGDECK_HEARTBEAT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 5000 }),
  REGDECK_LIVE_TICK_MS: Type.Integer({ minimum: 50, maximum: 10_000, default: 250 }),
  REGDECK_ALERT_INTERVAL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000 }),
  REGDECK_TRUST_PROXY: Type.Optional(Type.String({ minLength: 1 })),
  REGDECK_ANONYMOUS: Type.Optional(Type.Enum(['off', 'viewer'])),
  REGDECK_INGEST_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1200 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
})
type RawConfig = Static<typeof ConfigSchema>

export interface Config {
  port: number
  host: string
  /** set: a PostgreSQL server; unset: embedded PGlite in `dataDir` */
  databaseUrl: string | undefined
  dataDir: string
  provinceCode: string
  demo: boolean
  /** the demo stream's volume, times Sichuan's real one */
  demoSpeed: number
  /**
   * the history the demo fills on an empty database: that many days up to now, or when
   * unset this year to date and the same span a year earlier (real year-to-date and year-on-year figures)
   */
  demoHistoryDays: number | undefined
  referenceCsv: string | undefined
  /** IANA zone of the command centre: clocks and day boundaries */
  timeZone: string
  heartbeatMs: number
  /** at most one live delta per view per tick */
  liveTickMs: number
  /** dirty regions' alerts are evaluated at most this often; 0: never on a timer (tests evaluate by hand) */
  alertIntervalMs: number
  /**
   * Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For and -Proto are
   * believed (`127.0.0.1,10.0.0.0/8`); unset, none are, so a client cannot claim HTTPS or another address.
   */
  trustProxy: string | undefined
  /**
   * `viewer`: whoever brings no credentials reads the province, and never writes or acts
   * (Grafana's auth.anonymous). Unset, it is `viewer` only for the embedded demo (no
   * DATABASE_URL, demo on) and `off` everywhere else.
   */
  anonymous: 'off' | 'viewer'
  /** POST /api/v1/records requests a minute per integrator key */
  ingestRateLimit: number
  logLevel: string
}

const flagToVariable = {
  port: 'PORT',
  host: 'HOST',
  'database-url': 'DATABASE_URL',
  'data-dir': 'REGDECK_DATA_DIR',
  province: 'REGDECK_PROVINCE',
  'reference-csv': 'REGDECK_REFERENCE_CSV',
  'time-zone': 'REGDECK_TIME_ZONE',
  'trust-proxy': 'REGDECK_TRUST_PROXY',
  'log-level': 'LOG_LEVEL',
} as const

/** The flags loadConfig reads, for a command that parses its own arguments beside them. */
export const CONFIG_FLAG_OPTIONS = {
  ...Object.fromEntries(Object.keys(flagToVariable).map((flag) => [flag, { type: 'string' as const }])),
  'no-demo': { type: 'boolean' as const },
}

/** The host a browser on this machine should open: a wildcard or loopback address reads as localhost. */
export function browserHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host
}

/**
 * Reads configuration from environment variables, overridden by command-line
 * flags (`--port 3100 --data-dir /srv/regdeck --no-demo`). Bad values stop with
 * one line naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const { values } = parseArgs({ args: argv, strict: false, options: CONFIG_FLAG_OPTIONS })
  const data: Record<string, unknown> = {}
  for (const name of Object.keys(ConfigSchema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') data[name] = value
  }
  for (const [flag, variable] of Object.entries(flagToVariable)) {
    if (typeof values[flag] === 'string') data[variable] = values[flag]
  }
  if (values['no-demo'] === true) data.REGDECK_DEMO = '0'

  let raw: RawConfig
  try {
    raw = envSchema<RawConfig>({ schema: ConfigSchema, data, env: false, dotenv: false })
  } catch (error) {
    throw new StartupError(`invalid configuration: ${describeSchemaError(error)}`)
  }
  try {
    assertTimeZone(raw.REGDECK_TIME_ZONE)
  } catch {
    throw new StartupError(`invalid configuration: REGDECK_TIME_ZONE "${raw.REGDECK_TIME_ZONE}" is not an IANA time zone such as Asia/Shanghai`)
  }
  return {
    port: raw.PORT,
    host: raw.HOST,
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.REGDECK_DATA_DIR),
    provinceCode: raw.REGDECK_PROVINCE,
    demo: raw.REGDECK_DEMO === '1',
    demoSpeed: raw.REGDECK_DEMO_SPEED,
    demoHistoryDays: raw.REGDECK_DEMO_HISTORY_DAYS,
    referenceCsv: raw.REGDECK_REFERENCE_CSV === undefined ? undefined : path.resolve(raw.REGDECK_REFERENCE_CSV),
    timeZone: raw.REGDECK_TIME_ZONE,
    heartbeatMs: raw.REGDECK_HEARTBEAT_MS,
    liveTickMs: raw.REGDECK_LIVE_TICK_MS,
    alertIntervalMs: raw.REGDECK_ALERT_INTERVAL_MS,
    trustProxy: raw.REGDECK_TRUST_PROXY,
    anonymous: raw.REGDECK_ANONYMOUS ?? (raw.DATABASE_URL === undefined && raw.REGDECK_DEMO === '1' ? 'viewer' : 'off'),
    ingestRateLimit: raw.REGDECK_INGEST_RATE_LIMIT,
    logLevel: raw.LOG_LEVEL,
  }
}

const hints: Record<string, string> = {
  REGDECK_PROVINCE: 'a province-level GB/T 2260 code such as 510000',
  DATABASE_URL: 'a postgres:// connection URL',
}

// env-schema reports "env/PORT must be <= 65535"; name the variable plainly.
function describeSchemaError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\benv\//g, '').replace(/^env /, '')
  const variable = Object.keys(hints).find((name) => message.startsWith(`${name} must match pattern`))
  return variable === undefined ? message : `${variable} must be ${hints[variable]}`
}
