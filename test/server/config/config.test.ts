import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/config/config'

describe('loadConfig', () => {
  it('has defaults that start RegDeck on PGlite in ./data for Sichuan with demo data', () => {
    expect(loadConfig({}, [])).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('data'),
      provinceCode: '510000',
      demo: true,
      demoSpeed: 20,
      demoHistoryDays: undefined,
      referenceCsv: undefined,
      timeZone: 'Asia/Shanghai',
      heartbeatMs: 5000,
      liveTickMs: 250,
      alertIntervalMs: 1000,
      trustProxy: undefined,
      anonymous: 'viewer',
      ingestRateLimit: 1200,
      logLevel: 'info',
    })
  })

  it('lets anyone look only on the embedded demo, unless told', () => {
    expect(loadConfig({}).anonymous).toBe('viewer')
    expect(loadConfig({ DATABASE_URL: 'postgres://db/regdeck' }).anonymous).toBe('off')
    expect(loadConfig({ REGDECK_DEMO: '0' }).anonymous).toBe('off')
    expect(loadConfig({ REGDECK_ANONYMOUS: 'off' }).anonymous).toBe('off')
    expect(loadConfig({ DATABASE_URL: 'postgres://db/regdeck', REGDECK_ANONYMOUS: 'viewer' }).anonymous).toBe('viewer')
  })

  it('sets the demo stream\'s speed and history, refusing what makes no sense', () => {
    expect(loadConfig({ REGDECK_DEMO_SPEED: '200', REGDECK_DEMO_HISTORY_DAYS: '1' })).toMatchObject({ demoSpeed: 200, demoHistoryDays: 1 })
    expect(() => loadConfig({ REGDECK_DEMO_SPEED: '0' })).toThrow(/REGDECK_DEMO_SPEED must be > 0/)
  })

  it('reads the ingest rate limit per key, refusing what makes no sense', () => {
    expect(loadConfig({ REGDECK_INGEST_RATE_LIMIT: '60' }).ingestRateLimit).toBe(60)
    expect(() => loadConfig({ REGDECK_INGEST_RATE_LIMIT: '0' })).toThrow(/REGDECK_INGEST_RATE_LIMIT must be >= 1/)
  })

  it('reads the environment, and command-line flags win over it', () => {
    const config = loadConfig({ PORT: '3100', REGDECK_DEMO: '0', DATABASE_URL: 'postgres://db/regdeck' }, ['--port', '3200', '--data-dir', '/srv/regdeck'])
    expect(config).toMatchObject({ port: 3200, demo: false, databaseUrl: 'postgres://db/regdeck', dataDir: '/srv/regdeck' })
    expect(loadConfig({}, ['--no-demo']).demo).toBe(false)
    expect(loadConfig({ REGDECK_TRUST_PROXY: '10.0.0.0/8' }, ['--trust-proxy', '127.0.0.1']).trustProxy).toBe('127.0.0.1')
  })

  it.each([
    [{ PORT: 'abc' }, 'invalid configuration: PORT must be integer'],
    [{ PORT: '70000' }, 'invalid configuration: PORT must be <= 65535'],
    [{ REGDECK_PROVINCE: '510100' }, 'REGDECK_PROVINCE must be a province-level GB/T 2260 code such as 510000'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL must be a postgres:// connection URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be equal to one of the allowed values'],
    [{ REGDECK_TIME_ZONE: 'Asia/Nowhere' }, 'REGDECK_TIME_ZONE "Asia/Nowhere" is not an IANA time zone'],
  ])('names the variable at fault: %o', (env, message) => {
    expect(() => loadConfig(env, [])).toThrow(message)
  })
})
