// The paths that write: every body format through the ingest service, on both databases.
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { VALID_USCC, complaint, foodSampling, inspection } from '../../support/record-factory'
import { integratorHeaders } from '../../support/integrator-key'
import { ndjson, post, tableCounts } from './ingest-test-helpers'

describe.each(testDatabaseKinds())('POST /api/v1/records on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind)
  })
  afterAll(() => testApp.close())

  const send = (body: unknown, query = '') => post(testApp.app, JSON.stringify(body), 'application/json', query)
  const stored = async (id: string) => (await testApp.app.database.db.selectFrom('records').select('content').where('id', '=', id).executeTakeFirst())?.content

  it('writes one record and answers with the counts', async () => {
    const response = await send(inspection({ id: 'I-single' }))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ accepted: 1, updated: 0, duplicates: 0, stale: 0, rejected: 0, errors: [] })
  })

  it('accepts every valid USCC example', async () => {
    const records = VALID_USCC.map((uscc, index) => inspection({ id: `I-uscc-${index}`, entity: { uscc, name: `示例${index}` } }))
    expect((await send(records)).json()).toMatchObject({ accepted: 5, rejected: 0 })
  })

  it('with ?partial=true writes the valid records and reports the rest by index', async () => {
    const response = await send([foodSampling({ id: 'F-p1' }), foodSampling({ id: 'F-p2', failed: 20 }), foodSampling({ id: 'F-p3', campaignId: 'no-such-campaign' })], '?partial=true')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      accepted: 1, updated: 0, duplicates: 0, stale: 0, rejected: 2,
      errors: [
        { index: 1, id: 'F-p2', field: 'failed', message: '20 failed batches are more than the 10 batches tested' },
        { index: 2, id: 'F-p3', field: 'campaignId', message: expect.stringContaining('no-such-campaign') },
      ],
    })
  })

  it('keeps every step of a lifecycle sent in one request, and counts a repeat as a duplicate', async () => {
    const steps = [
      complaint({ id: 'C-life' }),
      complaint({ id: 'C-life' }),
      complaint({ id: 'C-life', status: 'accepted', statusAt: '2026-11-03T09:00:00+08:00' }),
      complaint({ id: 'C-life', status: 'mediating', statusAt: '2026-11-04T09:00:00+08:00' }),
    ]
    expect((await send(steps)).json()).toEqual({ accepted: 1, updated: 2, duplicates: 1, stale: 0, rejected: 0, errors: [] })
    const { steps: history } = await testApp.app.database.db.selectFrom('records').select('steps').where('id', '=', 'C-life').executeTakeFirstOrThrow()
    expect(history.map((step) => step.status)).toEqual(['received', 'accepted', 'mediating'])
  })

  it('takes an older step after a newer one in one request as two requests take them: the older is stale', async () => {
    const steps = (id: string) => [complaint({ id, status: 'accepted', statusAt: '2026-11-03T09:00:00+08:00' }), complaint({ id })]
    const [newer, older] = steps('C-one-request')
    expect((await send([newer!, older!])).json()).toEqual({ accepted: 1, updated: 0, duplicates: 0, stale: 1, rejected: 0, errors: [] })
    const [newerAlone, olderAlone] = steps('C-two-requests')
    expect((await send(newerAlone!)).json()).toMatchObject({ accepted: 1 })
    expect((await send(olderAlone!)).json()).toMatchObject({ stale: 1 })
    expect(await stored('C-one-request')).toEqual(newer)
    expect(await stored('C-two-requests')).toEqual(newerAlone)
  })

  it('stores script and SQL text in names exactly as sent', async () => {
    const script = '<script>alert(1)</script>'
    const sqlText = "'); drop table records; --"
    const record = inspection({ id: 'I-names', kind: 'joint', entity: { uscc: VALID_USCC[1], name: `${script}${sqlText}` }, departments: [script, sqlText] })
    expect((await send(record)).json()).toMatchObject({ accepted: 1 })
    expect(await stored('I-names')).toEqual(record)
    expect((await tableCounts(testApp)).records).toBeGreaterThan(1)
  })

  it('streams NDJSON in batches with ?partial=true, reporting bad lines by number', async () => {
    const lines = Array.from({ length: 1201 }, (_, index) => JSON.stringify(foodSampling({ id: `F-stream-${index}` })))
    lines[600] = '{"type": "food_sampling",'
    lines[1100] = JSON.stringify(foodSampling({ id: 'F-stream-bad', regionCode: '110101' }))
    const response = await post(testApp.app, `${lines.join('\r\n')}\r\n`, 'application/x-ndjson', '?partial=true')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ accepted: 1199, rejected: 2, errors: [{ line: 601, field: '' }, { line: 1101, id: 'F-stream-bad', field: 'regionCode' }] })
  })

  it('streams NDJSON past the 10 MiB body limit with ?partial=true, listing the first 1000 problems', async () => {
    const line = `${JSON.stringify(foodSampling({ id: 'F-elsewhere', regionCode: '110101', category: 'x'.repeat(40) }))}\n`
    const count = Math.ceil((11 * 1024 * 1024) / line.length)
    const body = Readable.from((function* () {
      for (let sent = 0; sent < count; sent += 1000) yield line.repeat(Math.min(1000, count - sent))
    })())
    const response = await testApp.app.inject({ method: 'POST', url: '/api/v1/records?partial=true', headers: { ...(await integratorHeaders(testApp.app)), 'content-type': 'application/x-ndjson' }, payload: body })
    expect(response.statusCode).toBe(200)
    const result = response.json()
    expect(result).toMatchObject({ accepted: 0, rejected: count })
    expect(result.errors).toHaveLength(1000)
    expect(result.errors[999]).toMatchObject({ line: 1000, field: 'regionCode' })
  })

  it('writes an atomic NDJSON body in one go', async () => {
    const response = await post(testApp.app, ndjson([complaint({ id: 'C-nd1' }), complaint({ id: 'C-nd2' })]), 'application/x-ndjson')
    expect(response.json()).toMatchObject({ accepted: 2, rejected: 0 })
  })

  it('reads CSV as Excel writes it: BOM, CRLF, quoted cells, ;-lists', async () => {
    const csv = [
      '\uFEFFid,regionCode,receivedAt,channel,category,status,statusAt,tags,entity.uscc,entity.name,recoveredYuan',
      `C-csv,510104,2026-11-02T09:30:00+08:00,hotline,quality,received,2026-11-02T09:30:00+08:00,预付卡;教育培训,${VALID_USCC[2]},"锦江区""示例"", 店",12.50`,
      'C-csv-2,510105,2026-11-02T10:30:00+08:00,web,price,received,2026-11-02T10:30:00+08:00,,,,',
    ].join('\r\n')
    const response = await post(testApp.app, csv, 'text/csv; charset=utf-8', '?type=complaint')
    expect(response.json()).toMatchObject({ accepted: 2, rejected: 0 })
    expect(await stored('C-csv')).toMatchObject({ tags: ['预付卡', '教育培训'], entity: { uscc: VALID_USCC[2], name: '锦江区"示例", 店' }, recoveredYuan: 12.5 })
  })
})
