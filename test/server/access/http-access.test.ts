// Bearer keys on ingest and scope on every read, over HTTP on both databases, with anonymous
// reading off: a key writes only inside its scope, all or nothing; only keys write; every read
// route wants credentials and refuses a region beside or above the scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findTokenHolder, revokeTokenHolder } from '../../../server/access/token-holders-repository'
import { campaign, complaint } from '../../support/record-factory'
import { addUser, bearerOf, logIn } from '../../support/principals'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { ndjson, tableCounts } from '../ingest/ingest-test-helpers'

const CHENGDU = '510100'
const JINJIANG = '510104' // a county of Chengdu
const FUCHENG = '510703' // a county of Mianyang, beside Chengdu
const MIANYANG = '510700' // beside Chengdu
const SICHUAN = '510000' // above Chengdu
/** Small, so the suite can reach it; each key has its own count. */
const RATE_LIMIT = 5

/** Every read route that names a region, at `region`. */
const scopedReads = (region: string) => [
  `/api/v1/regions/${region}`,
  `/api/v1/regions/${region}/summary`,
  `/api/v1/regions/${region}/breakdown?metric=cases_opened`,
  `/api/v1/regions/${region}/trend?metric=cases_opened`,
  `/api/v1/regions/${region}/ticker`,
  `/api/v1/campaigns/${campaign().id}/progress?region=${region}`,
]
/** Read routes that want a reader but no particular region. */
const unscopedReads = [`/api/v1/geo/${MIANYANG}`, '/api/v1/campaigns', '/api/v1/live/stats']

describe.each(testDatabaseKinds())('HTTP access on %s', (kind) => {
  let testApp: TestApp
  const app = () => testApp.app
  let cityScreen: { authorization: string }
  const postRecords = (headers: Record<string, string>, payload: unknown, query = '') =>
    app().inject({ method: 'POST', url: `/api/v1/records${query}`, headers, payload: payload as string | object })
  const complaintsReceived = async (region: string) => {
    const summary = await app().inject({ url: `/api/v1/regions/${region}/summary?period=2026-11-01..2026-11-30`, headers: cityScreen })
    expect(summary.statusCode).toBe(200)
    return summary.json().metrics.find((metric: { key: string }) => metric.key === 'complaints_received').value
  }

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_ANONYMOUS: 'off', REGDECK_INGEST_RATE_LIMIT: String(RATE_LIMIT) })
    const province = await bearerOf(app(), 'key', SICHUAN)
    expect((await postRecords(province.headers, campaign())).statusCode).toBe(200)
    cityScreen = (await bearerOf(app(), 'screen', CHENGDU)).headers
  })
  afterAll(() => testApp.close())

  it('writes a key\'s records inside its scope, and notes when the key was used', async () => {
    const key = await bearerOf(app(), 'key', CHENGDU)
    expect((await findTokenHolder(app().database.db, key.id))?.lastUsedAt).toBeNull()
    const response = await postRecords(key.headers, [complaint({ id: 'C-in-1', regionCode: JINJIANG }), complaint({ id: 'C-in-2', regionCode: '510105' })])
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ accepted: 2 })
    expect((await findTokenHolder(app().database.db, key.id))?.lastUsedAt).toBeInstanceOf(Date)
  })

  it('refuses a whole request with one record outside the key\'s scope (403 naming it), writing nothing', async () => {
    const key = await bearerOf(app(), 'key', CHENGDU)
    const before = await tableCounts(testApp)
    const figures = await complaintsReceived(CHENGDU)
    const body = [complaint({ id: 'C-ok-1' }), complaint({ id: 'C-ok-2' }), complaint({ id: 'C-ok-3' }), complaint({ id: 'C-beside', regionCode: FUCHENG }), complaint({ id: 'C-ok-4' })]
    for (const query of ['', '?partial=true']) {
      const response = await postRecords(key.headers, body, query)
      expect(response.statusCode).toBe(403)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json()).toMatchObject({ code: 'forbidden', errors: [{ index: 3, id: 'C-beside', field: 'regionCode', message: expect.stringContaining(FUCHENG) }] })
      expect(response.json().detail).toMatch(/nothing was written/)
    }
    // A campaign names regions too: one of the province is above a city's key.
    const above = await postRecords(key.headers, campaign({ id: 'city-key-campaign' }))
    expect(above.statusCode).toBe(403)
    expect(above.json().errors[0]).toMatchObject({ index: 0, field: 'regionCode' })
    expect(await tableCounts(testApp)).toEqual(before)
    expect(await complaintsReceived(CHENGDU)).toBe(figures)
  })

  it('stops a partial NDJSON stream at the batch holding a record outside the scope, saying what was written before it', async () => {
    const key = await bearerOf(app(), 'key', CHENGDU)
    const lines = Array.from({ length: 600 }, (_, index) => complaint({ id: `C-stream-${index}`, regionCode: index === 549 ? FUCHENG : JINJIANG }))
    const before = await tableCounts(testApp)
    const response = await postRecords({ ...key.headers, 'content-type': 'application/x-ndjson' }, ndjson(lines), '?partial=true')
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ code: 'forbidden', errors: [{ line: 550, id: 'C-stream-549', field: 'regionCode' }], detail: expect.stringMatching(/only the 500 lines before its batch were handled/) })
    expect((await tableCounts(testApp)).records).toBe(before.records + 500)
  })

  it('refuses a key revoked a moment ago, on its very next request', async () => {
    const key = await bearerOf(app(), 'key', CHENGDU)
    expect((await postRecords(key.headers, [complaint({ id: 'C-before-revoke' })])).statusCode).toBe(200)
    await revokeTokenHolder(app().database.db, key.id, 'test:http-access')
    const response = await postRecords(key.headers, [complaint({ id: 'C-after-revoke' })])
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ code: 'unauthenticated', detail: expect.stringMatching(/revoked/) })
  })

  it('lets no screen, user or anonymous caller write: 403 for those who read, 401 without credentials', async () => {
    await addUser(app(), 'writeleader', 'leader', SICHUAN)
    const callers = {
      screen: (await bearerOf(app(), 'screen', SICHUAN)).headers,
      leader: await logIn(app(), 'writeleader'),
    }
    for (const headers of Object.values(callers)) {
      const response = await postRecords(headers, [complaint({ id: 'C-not-a-key' })])
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/may not write_records/) })
    }
    expect((await postRecords({}, [complaint({ id: 'C-nobody' })])).statusCode).toBe(401)
  })

  it('answers 401 to reads without credentials, with a bad token and with a revoked one', async () => {
    const revoked = await bearerOf(app(), 'screen', CHENGDU)
    await revokeTokenHolder(app().database.db, revoked.id, 'test:http-access')
    const credentials: Record<string, Record<string, string>> = {
      none: {},
      'a bad token': { authorization: 'Bearer rds_not-a-token' },
      'another scheme': { authorization: 'Basic dXNlcjpwYXNz' },
      revoked: revoked.headers,
      'an ended session': { cookie: 'regdeck_session=not-a-session' },
    }
    const answers: string[] = []
    for (const [label, headers] of Object.entries(credentials)) {
      for (const url of [...scopedReads(JINJIANG), ...unscopedReads, '/api/v1/access']) {
        const response = await app().inject({ url, headers })
        if (response.statusCode !== 401 || response.json().code !== 'unauthenticated') answers.push(`${label} ${url}: ${response.statusCode}`)
      }
    }
    expect(answers).toEqual([])
  })

  it('answers 403 to a read of a region beside or above the scope on every route, and reads inside it', async () => {
    const answers: string[] = []
    for (const region of [MIANYANG, SICHUAN]) {
      for (const url of scopedReads(region)) {
        const response = await app().inject({ url, headers: cityScreen })
        if (response.statusCode !== 403 || response.json().code !== 'forbidden') answers.push(`${url}: ${response.statusCode}`)
      }
    }
    for (const url of [...scopedReads(JINJIANG), ...unscopedReads]) {
      const response = await app().inject({ url, headers: cityScreen })
      if (response.statusCode !== 200) answers.push(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`)
    }
    expect(answers).toEqual([])
  })

  it('shows a city the campaigns that concern it, and a campaign\'s progress at its own scope by default', async () => {
    const province = await bearerOf(app(), 'key', SICHUAN)
    const elsewhere = campaign({ id: 'mianyang-only', regionCode: MIANYANG, targets: [] })
    expect((await postRecords(province.headers, elsewhere)).statusCode).toBe(200)
    const listed = await app().inject({ url: '/api/v1/campaigns', headers: cityScreen })
    expect(listed.json().campaigns.map((shown: { id: string }) => shown.id)).toEqual([campaign().id])
    // The province's campaign, from a Chengdu screen: Chengdu's progress, not Sichuan's.
    const progress = await app().inject({ url: `/api/v1/campaigns/${campaign().id}/progress`, headers: cityScreen })
    expect(progress.statusCode).toBe(200)
    expect(progress.json().region.code).toBe(CHENGDU)
    expect((await app().inject({ url: `/api/v1/campaigns/${elsewhere.id}/progress`, headers: cityScreen })).statusCode).toBe(403)
  })

  it('limits each key to its requests a minute: 429 problem+json with Retry-After, other keys unaffected', async () => {
    const busy = await bearerOf(app(), 'key', CHENGDU)
    for (let sent = 0; sent < RATE_LIMIT; sent++) expect((await postRecords(busy.headers, [complaint({ id: `C-rate-${sent}` })])).statusCode).toBe(200)
    const refused = await postRecords(busy.headers, [complaint({ id: 'C-rate-over' })])
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.json()).toMatchObject({ code: 'too_many_requests', detail: expect.stringMatching(new RegExp(`at most ${RATE_LIMIT} requests a minute from one key`)) })
    const other = await bearerOf(app(), 'key', CHENGDU)
    expect((await postRecords(other.headers, [complaint({ id: 'C-rate-other' })])).statusCode).toBe(200)
  })
})

describe('the anonymous viewer', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp('pglite', { REGDECK_ANONYMOUS: 'viewer' })
  })
  afterAll(() => testApp.close())

  it('reads the whole province without credentials, and cannot write', async () => {
    for (const url of [`/api/v1/regions/${SICHUAN}/summary`, `/api/v1/regions/${MIANYANG}`, `/api/v1/regions/${JINJIANG}/ticker`, '/api/v1/campaigns']) {
      expect((await testApp.app.inject({ url })).statusCode).toBe(200)
    }
    const write = await testApp.app.inject({ method: 'POST', url: '/api/v1/records', payload: [complaint({ id: 'C-anonymous' })] })
    expect(write.statusCode).toBe(403)
    expect(write.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/anonymous viewer .* may not write_records/) })
    expect(await tableCounts(testApp)).toMatchObject({ records: 0 })
  })
})
