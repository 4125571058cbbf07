// The generator's records are valid, deterministic, in time order and never ahead of their window;
// for a history, each item comes whole up to the time it is told to.
import { describe, expect, it } from 'vitest'
import { Check } from 'typebox/value'
import { type IngestRecord, LIFECYCLE_STEPS, RECORD_SCHEMAS } from '../../../shared/records'
import { usccProblem } from '../../../shared/uscc'
import { DemoGenerator } from '../../../server/demo/generator'
import { at, knownAt, sichuanTree } from './demo-regions'

const regions = sichuanTree()
const generate = (seed: number, from: string, to: string) => new DemoGenerator({ regions, seed }).generate(at(from), at(to))

describe('demo generator records', () => {
  const records = generate(1, '2026-06-10T00:00:00+08:00', '2026-06-12T00:00:00+08:00')

  it('is deterministic for a seed', () => {
    const window = ['2026-06-10T08:00:00+08:00', '2026-06-10T12:00:00+08:00'] as const
    expect(generate(7, ...window)).toEqual(generate(7, ...window))
    expect(generate(8, ...window)).not.toEqual(generate(7, ...window))
  })

  it('passes the shared schemas, with valid USCCs and county codes of the province', () => {
    expect(records.length).toBeGreaterThan(10_000)
    for (const record of records) {
      const value: unknown = record
      if (!Check(RECORD_SCHEMAS[record.type], value)) throw new Error(`invalid ${record.type}: ${JSON.stringify(record)}`)
      if (record.type === 'campaign') continue
      expect(regions.get(record.regionCode)?.level).toBe('county')
      const entity = 'entity' in record ? record.entity : undefined
      if (entity !== undefined) expect(usccProblem(entity.uscc), entity.uscc).toBeNull()
      if (entity !== undefined) expect(entity.uscc.slice(2, 8)).toBe(record.regionCode)
    }
  })

  it('comes out in time order, with nothing after the window', () => {
    const times = records.map((record) => knownAt(record))
    for (let index = 1; index < times.length; index++) expect(times[index]).toBeGreaterThanOrEqual(times[index - 1]!)
    expect(Math.max(...times)).toBeLessThan(at('2026-06-12T00:00:00+08:00'))
    for (const record of records) for (const value of Object.values(record)) if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) expect(value).toMatch(/\+08:00$/)
  })

  it('gives each complaint, report and case allowed lifecycle steps with later statusAt', () => {
    const last = new Map<string, IngestRecord & { status: string; statusAt: string }>()
    let steps = 0
    for (const record of records) {
      if (record.type !== 'complaint' && record.type !== 'report' && record.type !== 'case') continue
      const key = `${record.type}:${record.id}`
      const previous = last.get(key)
      if (previous !== undefined) {
        steps += 1
        expect(Date.parse(record.statusAt)).toBeGreaterThan(Date.parse(previous.statusAt))
        const allowed: readonly string[] = (LIFECYCLE_STEPS[record.type] as Record<string, readonly string[]>)[previous.status] ?? []
        expect(allowed, `${previous.status} → ${record.status}`).toContain(record.status)
      }
      last.set(key, record)
    }
    expect(steps).toBeGreaterThan(1000)
  })

  it('continues lifecycles begun in an earlier window, and never emits what lies in the future', () => {
    const generator = new DemoGenerator({ regions, seed: 3 })
    const first = generator.generate(at('2026-06-10T09:00:00+08:00'), at('2026-06-10T10:00:00+08:00'))
    const receivedFirst = new Set(first.filter((record) => record.type === 'complaint').map((record) => record.id))
    const now = Date.now()
    const later = generator.generate(at('2026-06-10T10:00:00+08:00'), at('2026-06-16T00:00:00+08:00'))
    expect(later.some((record) => record.type === 'complaint' && receivedFirst.has(record.id) && record.status !== 'received')).toBe(true)
    const live = new DemoGenerator({ regions, seed: 4 }).generate(now - 3_600_000, now, 20)
    expect(live.length).toBeGreaterThan(0)
    for (const record of live) expect(knownAt(record)).toBeLessThanOrEqual(now)
  })

  it('brings a history item out whole up to wholeUntil, each item in order, and leaves only later steps to later windows', () => {
    const wholeUntil = at('2026-06-12T00:00:00+08:00')
    const generator = new DemoGenerator({ regions, seed: 5, wholeUntil })
    const first = generator.generate(at('2026-06-10T09:00:00+08:00'), at('2026-06-10T10:00:00+08:00'))
    const lastOfItem = new Map<string, number>()
    for (const record of first) {
      if (record.type !== 'complaint' && record.type !== 'report' && record.type !== 'case') continue
      const key = `${record.type}:${record.id}`
      const statusAt = Date.parse(record.statusAt)
      expect(statusAt).toBeGreaterThan(lastOfItem.get(key) ?? -Infinity)
      expect(statusAt).toBeLessThan(wholeUntil)
      lastOfItem.set(key, statusAt)
    }
    // Steps long after the window: closings, decisions, mediations that ended.
    expect(first.filter((record) => knownAt(record) >= at('2026-06-11T00:00:00+08:00')).length).toBeGreaterThan(20)
    const between = generator.generate(at('2026-06-10T10:00:00+08:00'), wholeUntil)
    expect(between.some((record) => lastOfItem.has(`${record.type}:${record.id}`))).toBe(false)
    const after = generator.generate(wholeUntil, wholeUntil + 15 * 86_400_000)
    const carriedOn = after.filter((record) => lastOfItem.has(`${record.type}:${record.id}`))
    expect(carriedOn.length).toBeGreaterThan(0)
    for (const record of carriedOn) expect(knownAt(record)).toBeGreaterThanOrEqual(wholeUntil)
  })
})
