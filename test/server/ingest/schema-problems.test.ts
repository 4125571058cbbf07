import { describe, expect, it } from 'vitest'
import { schemaProblems } from '../../../server/ingest/schema-problems'
import { campaign, complaint, enforcementCase, inspection } from '../../support/record-factory'

describe('schemaProblems', () => {
  it('passes valid records', () => {
    expect(schemaProblems(inspection())).toEqual([])
    expect(schemaProblems(campaign())).toEqual([])
  })

  it('names unknown fields, also nested ones', () => {
    expect(schemaProblems({ ...complaint(), complainantPhone: '138' })).toEqual([{ field: 'complainantPhone', message: 'unknown field complainantPhone' }])
    expect(schemaProblems(inspection({ entity: { uscc: '91350100M000100Y43', name: 'x', legalPerson: 'y' } as never }))).toEqual([
      { field: 'entity.legalPerson', message: 'unknown field legalPerson' },
    ])
  })

  it('says what type a field must have and what it got', () => {
    expect(schemaProblems(enforcementCase({ fineYuan: '100' as never }))).toEqual([{ field: 'fineYuan', message: 'must be a number (got the string "100")' }])
    expect(schemaProblems(inspection({ problemCount: 1.5 }))).toEqual([{ field: 'problemCount', message: 'must be an integer (got the number 1.5)' }])
    expect(schemaProblems(inspection({ seriousHazard: 'yes' as never }))[0]?.message).toBe('must be a boolean (got the string "yes")')
  })

  it('lists the allowed values of an enum', () => {
    expect(schemaProblems(complaint({ channel: 'fax' as never }))).toEqual([{ field: 'channel', message: 'must be one of hotline, web, app, mini_program, letter, visit (got "fax")' }])
    expect(schemaProblems(campaign({ domains: ['food', 'weapons' as never] }))).toEqual([{ field: 'domains.1', message: expect.stringMatching(/^must be one of food, drug/) }])
  })

  it('explains patterns instead of quoting them', () => {
    expect(schemaProblems(complaint({ receivedAt: '2026-11-02 09:30:00' }))).toEqual([
      { field: 'receivedAt', message: 'must be an ISO 8601 time with an explicit offset, e.g. 2026-11-23T09:30:00+08:00 (got "2026-11-02 09:30:00")' },
    ])
    expect(schemaProblems(complaint({ statusAt: '2026-11-02T09:30:00' }))[0]?.field).toBe('statusAt')
    expect(schemaProblems(inspection({ entity: { uscc: '91350100M00010OY43', name: 'x' } }))).toEqual([
      { field: 'entity.uscc', message: 'contains "O", which never occurs in a USCC (I, O, S, V, Z and lower case are not used)' },
    ])
    expect(schemaProblems(complaint({ regionCode: '51010' }))[0]?.message).toBe('must be a six-digit GB/T 2260 region code (got "51010")')
  })

  it('reports missing fields and negative numbers', () => {
    const { statusAt: _, ...withoutStatusAt } = complaint()
    expect(schemaProblems(withoutStatusAt)).toEqual([{ field: 'statusAt', message: 'is required' }])
    expect(schemaProblems(enforcementCase({ confiscatedYuan: -5 }))).toEqual([{ field: 'confiscatedYuan', message: 'must not be negative' }])
    expect(schemaProblems(inspection({ entity: { uscc: '91350100M000100Y43' } as never }))).toEqual([{ field: 'entity.name', message: 'is required' }])
  })

  it('needs an object with a known type', () => {
    expect(schemaProblems('hello')).toEqual([{ field: '', message: 'must be a JSON object (one record), not the string "hello"' }])
    expect(schemaProblems({ id: 'x' })).toEqual([{ field: 'type', message: 'is required: one of inspection, food_sampling, complaint, report, case, campaign' }])
    expect(schemaProblems({ type: 'tweet' })[0]?.message).toMatch(/^must be one of inspection, .* \(got "tweet"\)$/)
    expect(schemaProblems(complaint(), 'inspection')).toEqual([{ field: 'type', message: 'must be "inspection", the type this request names (got "complaint")' }])
  })

  it('takes an own __proto__ key from JSON.parse as an unknown field', () => {
    const value = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(complaint()).slice(1)}`)
    expect(schemaProblems(value)).toEqual([{ field: '__proto__', message: 'unknown field __proto__' }])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
