import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { csvItems } from '../../../server/ingest/csv-records'
import { firstErrorOffset, parseJson } from '../../../server/ingest/json-syntax'
import { ndjsonLines } from '../../../server/ingest/ndjson-lines'
import { HttpProblem } from '../../../server/http/problem'

describe('JSON syntax errors', () => {
  it.each([
    ['{"a":}', 5],
    ['[1,2,,3]', 5],
    ['{"a":1,}', 7],
    ['{"a":1', 6],
    ['{"a":1}x', 7],
    ['[{"a":"x\ny"}]', 8],
    ['nul', 0],
    ['{"a":"\\q"}', 7],
  ])('finds the first bad character in %j at %i', (text, offset) => {
    expect(firstErrorOffset(text)).toBe(offset)
  })

  it('reports line and column', () => {
    const parsed = parseJson('[\n  {"type": "complaint",},\n]')
    expect(parsed).toEqual({ ok: false, error: { position: 25, line: 2, column: 24, reason: expect.any(String) } })
  })
})

async function collect(chunks: (string | Buffer)[], maxLineBytes = 100, maxTotalBytes?: number) {
  const lines = []
  for await (const line of ndjsonLines(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), { maxLineBytes, ...(maxTotalBytes === undefined ? {} : { maxTotalBytes }) })) lines.push(line)
  return lines
}

describe('ndjsonLines', () => {
  it('numbers lines across chunk boundaries and skips blank ones', async () => {
    expect(await collect(['\uFEFF{"a":1}\r\n\n{"b"', ':2}\n   \n{"c":3}'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 5, text: '{"c":3}' },
    ])
  })

  it('keeps multi-byte characters split between chunks', async () => {
    const bytes = Buffer.from('{"name":"锦江区"}\n')
    expect(await collect([bytes.subarray(0, 11) as never, bytes.subarray(11) as never])).toEqual([{ line: 1, text: '{"name":"锦江区"}' }])
  })

  it('reports over-long lines and invalid UTF-8 without stopping', async () => {
    const lines = await collect([`${'x'.repeat(150)}\n`, Buffer.from([0xff, 0xfe, 0x0a]) as never, '{"ok":true}\n'])
    expect(lines).toEqual([
      { line: 1, problem: 'is longer than 100 bytes; one record per line is expected' },
      { line: 2, problem: 'is not valid UTF-8' },
      { line: 3, text: '{"ok":true}' },
    ])
  })

  it('stops with 413 past the total limit', async () => {
    await expect(collect(['{"a":1}\n', '{"b":2}\n'], 100, 10)).rejects.toMatchObject({ status: 413 })
  })
})

describe('csvItems', () => {
  const header = 'id,regionCode,receivedAt,channel,category,status,statusAt,tags,entity.uscc,entity.name,recoveredYuan'
  it('turns rows into records of the requested type', () => {
    const csv = `\uFEFF${header}\r\nC-1,510104,2026-11-02T09:30:00+08:00,hotline,quality,received,2026-11-02T09:30:00+08:00,预付卡; 教育培训,91350100M000100Y43,"店, ""老字号""",12.5\r\nC-2,510105,2026-11-02T09:30:00+08:00,web,price,received,2026-11-02T09:30:00+08:00,,,,\r\n`
    expect(csvItems(csv, 'complaint')).toEqual([
      {
        position: { line: 2 },
        value: {
          type: 'complaint', id: 'C-1', regionCode: '510104', receivedAt: '2026-11-02T09:30:00+08:00', channel: 'hotline', category: 'quality', status: 'received',
          statusAt: '2026-11-02T09:30:00+08:00', tags: ['预付卡', '教育培训'], entity: { uscc: '91350100M000100Y43', name: '店, "老字号"' }, recoveredYuan: 12.5,
        },
      },
      { position: { line: 3 }, value: { type: 'complaint', id: 'C-2', regionCode: '510105', receivedAt: '2026-11-02T09:30:00+08:00', channel: 'web', category: 'price', status: 'received', statusAt: '2026-11-02T09:30:00+08:00' } },
    ])
  })

  it('converts booleans and numbers, and leaves other text for validation to name', () => {
    const csv = 'id,regionCode,occurredAt,kind,domain,entity.uscc,entity.name,result,problemCount,seriousHazard,departments\nI-1,510104,2026-11-03T10:00:00+08:00,joint,food,91350100M000100Y43,店,problems,two,TRUE,市场监管;卫生健康\n'
    expect(csvItems(csv, 'inspection')[0]?.value).toMatchObject({ problemCount: 'two', seriousHazard: true, departments: ['市场监管', '卫生健康'] })
  })

  it('refuses a header that does not fit the type, naming every column', () => {
    let problem: unknown
    try {
      csvItems('id,regionCode,colour,entity\nx,510104,red,y\n', 'inspection')
    } catch (error) {
      problem = error
    }
    expect(problem).toBeInstanceOf(HttpProblem)
    expect(problem).toMatchObject({ status: 400, title: 'Invalid CSV header' })
    expect((problem as HttpProblem).errors).toEqual(
      expect.arrayContaining([
        { line: 1, field: 'colour', message: 'unknown field colour' },
        { line: 1, field: 'entity', message: 'is an object: name its fields as columns, e.g. entity.uscc, entity.name' },
        { line: 1, field: 'occurredAt', message: 'is required: the header row has no such column' },
      ]),
    )
  })

  it('refuses broken quoting with the line, and campaigns as a media type', () => {
    expect(() => csvItems(`${header}\nC-1,"510104,x\n`, 'complaint')).toThrow(/malformed at line 2/)
    expect(() => csvItems('id,name\n', 'campaign')).toThrow(expect.objectContaining({ status: 415 }))
  })
})
