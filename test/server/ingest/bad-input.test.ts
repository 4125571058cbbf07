// Every kind of bad input gets its own 4xx with a message naming the problem, and
// writes nothing: each test compares every table ingest touches before and after.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { campaign, complaint, enforcementCase, foodSampling, inspection } from '../../support/record-factory'
import { type TableCounts, ndjson, post, tableCounts } from './ingest-test-helpers'

const CSV_HEADER = 'id,regionCode,occurredAt,kind,domain,entity.uscc,entity.name,result'

describe.each(testDatabaseKinds())('bad ingest input on %s', (kind) => {
  let testApp: TestApp
  let before: TableCounts
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())
  beforeEach(async () => {
    before = await tableCounts(testApp)
  })
  afterEach(async () => {
    expect(await tableCounts(testApp)).toEqual(before)
  })

  const send = (body: unknown, query = '') => post(testApp.app, JSON.stringify(body), 'application/json', query)
  const expectRefused = async (response: Awaited<ReturnType<typeof send>>, errors: unknown[]) => {
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({ status: 422, title: 'Records refused', detail: expect.stringContaining('nothing was written') })
    expect(response.json().errors).toEqual(errors)
  }

  it('answers malformed JSON with 400 naming the position', async () => {
    const response = await post(testApp.app, '[{"type": "complaint",, "id": "C-1"}]')
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.json()).toMatchObject({ status: 400, title: 'Malformed JSON', detail: expect.stringContaining('line 1, column 23 (position 22)') })
  })

  it('refuses wrong types, listing every field of every record', async () => {
    const response = await send([inspection({ problemCount: '3' as never }), enforcementCase({ fineYuan: '100' as never, major: 1 as never })])
    await expectRefused(response, [
      { index: 0, id: 'I-1', field: 'problemCount', message: 'must be an integer (got the string "3")' },
      { index: 1, id: 'K-1', field: 'fineYuan', message: 'must be a number (got the string "100")' },
      { index: 1, id: 'K-1', field: 'major', message: 'must be a boolean (got the number 1)' },
    ])
  })

  it('refuses unknown fields and values outside an enum', async () => {
    await expectRefused(await send({ ...complaint({ channel: 'fax' as never }), phone: '13800000000' }), [
      { index: 0, id: 'C-1', field: 'phone', message: 'unknown field phone' },
      { index: 0, id: 'C-1', field: 'channel', message: 'must be one of hotline, web, app, mini_program, letter, visit (got "fax")' },
    ])
  })

  it('refuses wrong USCC check characters and writes none of the valid records', async () => {
    const good = inspection({ id: 'I-good', entity: { uscc: '91440300708461136T', name: '深圳示例' } })
    const bad = inspection({ id: 'I-bad', entity: { uscc: '91310000132200821J', name: '上海示例' } })
    await expectRefused(await send([good, bad]), [
      { index: 1, id: 'I-bad', field: 'entity.uscc', message: 'check character is "J" but the first 17 characters call for "H" (GB 32100)' },
    ])
  })

  it('refuses unknown and out-of-province region codes', async () => {
    const response = await send([complaint({ regionCode: '110101' }), complaint({ id: 'C-2', regionCode: '510199' }), complaint({ id: 'C-3', regionCode: '510100' })])
    await expectRefused(response, [
      { index: 0, id: 'C-1', field: 'regionCode', message: '110101 is not in 四川省 (510000), the province this command centre serves' },
      { index: 1, id: 'C-2', field: 'regionCode', message: expect.stringContaining('510199 is not a known region of 四川省') },
      { index: 2, id: 'C-3', field: 'regionCode', message: '510100 成都市 is a city; records belong to a county-level region (区/县/县级市)' },
    ])
  })

  it('refuses times in the future and times without an offset', async () => {
    const future = new Date(Date.now() + 60 * 60_000).toISOString()
    await expectRefused(await send([foodSampling({ occurredAt: future }), foodSampling({ id: 'F-2', occurredAt: '2026-11-03T11:00:00' })]), [
      { index: 0, id: 'F-1', field: 'occurredAt', message: 'is 60 minutes in the future; times may be at most 5 minutes ahead of the server clock' },
      { index: 1, id: 'F-2', field: 'occurredAt', message: expect.stringContaining('must be an ISO 8601 time with an explicit offset') },
    ])
  })

  it('refuses negative amounts and impossible counts', async () => {
    await expectRefused(await send([enforcementCase({ fineYuan: -100 }), foodSampling({ batches: 2, failed: 3 })]), [
      { index: 0, id: 'K-1', field: 'fineYuan', message: 'must not be negative' },
      { index: 1, id: 'F-1', field: 'failed', message: '3 failed batches are more than the 2 batches tested' },
    ])
  })

  it('refuses text with characters that can reverse, hide or break what a wall shows, naming the field and the character', async () => {
    const records = [
      inspection({ id: 'I-rlo', entity: { uscc: '91350100M000100Y43', name: '成都\u202E司公限有' } }),
      foodSampling({ id: 'F-zwsp', category: '乳\u200B制品' }),
      complaint({ id: 'C-tag', tags: ['预付卡', 'line\nbreak'] }),
      inspection({ id: 'I-isolate', kind: 'joint', departments: ['市场监管局', '\u2067卫生健康委\u2069'] }),
      campaign({ id: 'camp-pua', name: '春雷\uE000行动' }),
    ]
    await expectRefused(await send(records), [
      { index: 0, id: 'I-rlo', field: 'entity.name', message: 'contains U+202E at character 3, a bidirectional control that can reverse or reorder the text a screen shows; remove it' },
      { index: 1, id: 'F-zwsp', field: 'category', message: 'contains U+200B at character 2, an invisible formatting character; remove it' },
      { index: 2, id: 'C-tag', field: 'tags.1', message: 'contains U+000A at character 5, a control character (line breaks and tabs included); remove it' },
      { index: 3, id: 'I-isolate', field: 'departments.1', message: 'contains U+2067 at character 1, a bidirectional control that can reverse or reorder the text a screen shows; remove it' },
      { index: 4, id: 'camp-pua', field: 'name', message: 'contains U+E000 at character 3, a private-use character that screens cannot show; remove it' },
    ])
  })

  it('refuses an impossible lifecycle step inside one request, as a request of its own would be', async () => {
    const withdrawn = complaint({ id: 'C-loop', status: 'withdrawn', statusAt: '2026-11-03T09:00:00+08:00' })
    const accepted = complaint({ id: 'C-loop', status: 'accepted', statusAt: '2026-11-04T09:00:00+08:00' })
    await expectRefused(await send([withdrawn, accepted]), [{ index: 1, id: 'C-loop', field: 'status', message: 'a complaint cannot go from withdrawn to accepted: that status is final' }])
  })

  it('refuses an impossible lifecycle step from the stored status (the service checks it)', async () => {
    const seeded = await send(complaint({ id: 'C-stored', status: 'accepted', statusAt: '2026-11-03T09:00:00+08:00' }))
    expect(seeded.statusCode).toBe(200)
    before = await tableCounts(testApp)
    const response = await send([inspection({ id: 'I-with-bad-step' }), complaint({ id: 'C-stored', status: 'not_accepted', statusAt: '2026-11-05T09:00:00+08:00' })])
    await expectRefused(response, [{ index: 1, id: 'C-stored', field: 'status', message: expect.stringContaining('cannot go from accepted to not_accepted') }])
  })

  it('refuses campaign targets outside the province', async () => {
    await expectRefused(await send(campaign({ targets: [{ regionCode: '110101', inspections: 5 }] })), [
      { index: 0, id: 'spring-thunder-2026', field: 'targets.0.regionCode', message: expect.stringContaining('110101 is not in 四川省') },
    ])
  })

  it('answers bodies over 10 MiB with 413', async () => {
    const big = JSON.stringify([inspection({ entity: { uscc: '91350100M000100Y43', name: 'x'.repeat(200) } })]).padEnd(10 * 1024 * 1024 + 10, ' ')
    const response = await post(testApp.app, big)
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ status: 413, title: 'Payload too large', detail: expect.stringContaining('application/x-ndjson with ?partial=true') })
  })

  it('answers more than 5,000 JSON records with 413', async () => {
    const response = await send(Array.from({ length: 5001 }, (_, index) => inspection({ id: `I-${index}` })))
    expect(response.statusCode).toBe(413)
    expect(response.json().detail).toBe('a JSON body carries at most 5000 records, not 5001; send larger loads as application/x-ndjson')
  })

  it('answers an atomic NDJSON body over 10 MiB with 413, before writing anything', async () => {
    const line = `${JSON.stringify(inspection())}\n`
    const response = await post(testApp.app, line.repeat(Math.ceil((10 * 1024 * 1024) / line.length) + 1), 'application/x-ndjson')
    expect(response.statusCode).toBe(413)
    expect(response.json().detail).toContain('send ?partial=true')
  })

  it('refuses a malformed NDJSON line in atomic mode, naming the line', async () => {
    const body = `${ndjson([inspection({ id: 'I-n1' })])}\n{"type": "inspection", oops}\n${ndjson([inspection({ id: 'I-n3' })])}`
    await expectRefused(await post(testApp.app, body, 'application/x-ndjson'), [{ line: 2, field: '', message: expect.stringMatching(/^malformed JSON at column 24: /) }])
  })

  it('refuses CSV whose header does not fit the type', async () => {
    const response = await post(testApp.app, 'id,regionCode,when,kind\nI-1,510104,yesterday,random\n', 'text/csv', '?type=inspection')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ title: 'Invalid CSV header', errors: expect.arrayContaining([{ line: 1, field: 'when', message: 'unknown field when' }]) })
  })

  it('refuses CSV with broken quoting, naming the line', async () => {
    const body = `${CSV_HEADER}\nI-1,510104,2026-11-03T10:00:00+08:00,random,food,91350100M000100Y43,"店"铺,compliant\n`
    const response = await post(testApp.app, body, 'text/csv', '?type=inspection')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ title: 'Invalid CSV', detail: expect.stringContaining('malformed at line 2') })
  })

  it('refuses CSV rows with bad values, naming the line', async () => {
    const body = `${CSV_HEADER}\nI-1,510104,2026-11-03T10:00:00+08:00,random,food,91350100M000100Y43,店,compliant\nI-2,510104,2026-11-03T10:00:00+08:00,random,food,91350100M000100Y44,店,fine\n`
    await expectRefused(await post(testApp.app, body, 'text/csv; charset=utf-8', '?type=inspection'), [
      { line: 3, id: 'I-2', field: 'result', message: 'must be one of compliant, problems, not_found, follow_up (got "fine")' },
    ])
  })

  it('needs ?type= for CSV, refuses campaigns as CSV and charsets it does not read', async () => {
    const untyped = await post(testApp.app, `${CSV_HEADER}\n`, 'text/csv')
    expect(untyped.statusCode).toBe(400)
    expect(untyped.json().detail).toContain('?type=')
    const wrongType = await post(testApp.app, `${CSV_HEADER}\n`, 'text/csv', '?type=tweet')
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().errors[0]).toMatchObject({ field: 'query.type', message: expect.stringContaining('must be one of inspection, food_sampling') })
    const campaigns = await post(testApp.app, 'id,name\n', 'text/csv', '?type=campaign')
    expect(campaigns.statusCode).toBe(415)
    expect(campaigns.json().detail).toContain('campaign records cannot be sent as CSV')
    const shiftJis = await post(testApp.app, `${CSV_HEADER}\n`, 'text/csv; charset=shift_jis', '?type=inspection')
    expect(shiftJis.statusCode).toBe(415)
    expect(shiftJis.json().detail).toContain('not shift_jis')
  })

  it('answers other content types with 415 and an empty body with 400', async () => {
    const xml = await post(testApp.app, '<records/>', 'application/xml')
    expect(xml.statusCode).toBe(415)
    expect(xml.json()).toMatchObject({ title: 'Unsupported media type', detail: expect.stringContaining('application/json, application/x-ndjson or text/csv') })
    const empty = await post(testApp.app, '')
    expect(empty.statusCode).toBe(400)
    expect(empty.json().detail).toContain('the body is empty')
  })

  it('echoes script and SQL text in a refused record as plain text, and runs none of it', async () => {
    const script = '<script>alert(1)</script>'
    const sqlText = "'); drop table records; --"
    const response = await send(complaint({ channel: script as never, entity: { uscc: '91350100M000100Y44', name: sqlText }, tags: [script, sqlText] }))
    await expectRefused(response, [
      { index: 0, id: 'C-1', field: 'channel', message: `must be one of hotline, web, app, mini_program, letter, visit (got "${script}")` },
    ])
    expect(await tableCounts(testApp)).toEqual(before) // the records table is still there
  })
})
