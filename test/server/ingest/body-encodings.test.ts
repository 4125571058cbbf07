// Bodies are read in the encoding they are in, or refused: CSV as Chinese Excel saves it
// (GBK, no charset) keeps its Chinese text exactly; nothing undecodable is stored as U+FFFD.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InspectionRecord } from '../../../shared/records'
import { inspection } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { post, tableCounts } from './ingest-test-helpers'

const EXCEL_GBK_CSV = fs.readFileSync('test/fixtures/excel-gbk-inspections.csv')
const NAMES = ['成都市锦江区老妈兔头店', '四川川味坊餐饮管理有限公司（青羊店，第一分店）', '自贡市鍀镕锅炉压力容器厂', '攀枝花市东区喆犇大药房']

describe('body encodings', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp('pglite')
  })
  afterAll(() => testApp.close())

  const storedNames = async (idPrefix: string) => {
    const rows = await testApp.app.database.db.selectFrom('records').select('content').where('id', 'like', `${idPrefix}%`).orderBy('id').execute()
    return rows.map((row) => (row.content as InspectionRecord).entity.name)
  }
  const csvWithIds = (prefix: string) => Buffer.from(EXCEL_GBK_CSV.toString('latin1').replaceAll('GBK-', `${prefix}-`), 'latin1')

  it('reads a CSV saved by Excel on a Chinese Windows (GBK, CRLF, no charset) with every name intact', async () => {
    const response = await post(testApp.app, csvWithIds('XLS'), 'text/csv', '?type=inspection')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ accepted: 4, rejected: 0 })
    expect(await storedNames('XLS')).toEqual(NAMES)
  })

  it.each(['gbk', 'GB2312', 'gb18030', '"GBK"'])('reads a CSV declared charset=%s', async (charset) => {
    const prefix = `CS${charset.replaceAll('"', '')}`
    const response = await post(testApp.app, csvWithIds(prefix), `text/csv; charset=${charset}`, '?type=inspection')
    expect(response.statusCode, response.body).toBe(200)
    expect(await storedNames(prefix)).toEqual(NAMES)
  })

  it('reads a CSV in UTF-8 with Excel\'s byte-order mark', async () => {
    const text = new TextDecoder('gb18030').decode(csvWithIds('U8'))
    const response = await post(testApp.app, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'text/csv', '?type=inspection')
    expect(response.statusCode, response.body).toBe(200)
    expect(await storedNames('U8')).toEqual(NAMES)
  })

  describe('refuses what cannot be read, with 415 naming the encoding, and writes nothing', () => {
    const cases: [string, Buffer, string, RegExp][] = [
      ['a CSV declared UTF-8 that is GBK', csvWithIds('BAD1'), 'text/csv; charset=utf-8', /declared utf-8 but is not: line 2 has bytes \(0x.. 0x.. 0x.. 0x..\) that do not decode as UTF-8; a file from Excel on a Chinese Windows is GBK/],
      ['a CSV in a charset RegDeck does not read', csvWithIds('BAD2'), 'text/csv; charset=big5', /not big5/],
      ['a CSV neither UTF-8 nor GB18030', Buffer.concat([csvWithIds('BAD3'), Buffer.from('BAD3-9,510104,2026-11-20T09:30:00+08:00,random,food,91350100M000100Y43,'), Buffer.from([0xff, 0xff]), Buffer.from(',compliant,\r\n')]), 'text/csv', /neither UTF-8 nor GB18030\/GBK: line 6 has bytes \(0xFF 0xFF 0x2C 0x63\)/],
      ['a CSV in UTF-16 (Excel\'s "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,regionCode\r\n', 'utf16le')]), 'text/csv', /UTF-16/],
      ['JSON declared GBK', Buffer.from(JSON.stringify([inspection({ id: 'BAD5' })])), 'application/json; charset=gbk', /JSON bodies are UTF-8 \(RFC 8259\), not gbk/],
      ['JSON with bytes that are not UTF-8', Buffer.concat([Buffer.from('[{"type":"inspection","id":"BAD6","name":"'), Buffer.from([0xb3, 0xc9]), Buffer.from('"}]')]), 'application/json', /not valid UTF-8: line 1 has bytes \(0xB3 0xC9 0x22 0x7D\)/],
      ['NDJSON declared GBK', Buffer.from(JSON.stringify(inspection({ id: 'BAD7' }))), 'application/x-ndjson; charset=gbk', /NDJSON bodies are UTF-8/],
    ]
    it.each(cases)('%s', async (_name, body, contentType, detail) => {
      const before = await tableCounts(testApp)
      const response = await post(testApp.app, body, contentType, contentType.startsWith('text/csv') ? '?type=inspection' : '')
      expect(response.statusCode, response.body).toBe(415)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(response.json().detail).toMatch(detail)
      expect(await tableCounts(testApp)).toEqual(before)
    })
  })

  it('refuses a name holding U+FFFD, which a wrong decoding upstream left', async () => {
    const response = await post(testApp.app, JSON.stringify(inspection({ id: 'FFFD-1', entity: { uscc: '91350100M000100Y43', name: '成都\uFFFD\uFFFD店' } })))
    expect(response.statusCode).toBe(422)
    expect(response.json().errors).toEqual([{ index: 0, id: 'FFFD-1', field: 'entity.name', message: expect.stringMatching(/^contains U\+FFFD at character 3, the replacement character/) }])
  })
})
