// Demo volumes against the Sichuan calibration of docs/domain.md, measured over four ordinary
// weeks (2026-06-22 to 07-19: 20 working days, 8 weekend days, no holidays).
import { describe, expect, it } from 'vitest'
import type { CaseRecord, ComplaintRecord, IngestRecord } from '../../../shared/records'
import { chinaDate, isWorkingDay } from '../../../server/demo/china-time'
import { DemoGenerator } from '../../../server/demo/generator'
import { caseSteps, complaintSteps } from '../../../server/demo/lifecycles'
import { Random } from '../../../server/demo/random'
import { at, sichuanTree } from './demo-regions'

const TOLERANCE = 0.15
const WEEKS = 4
const perYear = (count: number) => (count * 365) / (WEEKS * 7)
const within = (value: number, low: number, high: number, what = '') => {
  expect(value, what).toBeGreaterThanOrEqual(low)
  expect(value, what).toBeLessThanOrEqual(high)
}
const near = (value: number, target: number, tolerance = TOLERANCE) => within(value, target * (1 - tolerance), target * (1 + tolerance))

const records: IngestRecord[] = new DemoGenerator({ regions: sichuanTree(), seed: 11 }).generate(at('2026-06-22T00:00:00+08:00'), at('2026-07-20T00:00:00+08:00'))
const received = records.flatMap((record) => ((record.type === 'complaint' || record.type === 'report') && record.status === 'received' ? [record] : []))
const complaints = received.filter((record): record is ComplaintRecord => record.type === 'complaint')
const inspections = records.flatMap((record) => (record.type === 'inspection' ? [record] : []))
const countKind = (kind: string) => inspections.filter((record) => record.kind === kind).length

describe('demo calibration (Sichuan)', () => {
  it('takes in ≈ 1,700 complaints and reports a working day, 79:21, peaking 9–11 and 14–17', () => {
    const workingDays = new Map<string, number>()
    const byHour = new Array<number>(24).fill(0)
    for (const record of received) {
      const day = chinaDate(Date.parse(record.receivedAt))
      if (!isWorkingDay(Date.parse(record.receivedAt))) continue
      workingDays.set(day, (workingDays.get(day) ?? 0) + 1)
      byHour[Number(record.receivedAt.slice(11, 13))]! += 1
    }
    expect(workingDays.size).toBe(20)
    for (const count of workingDays.values()) near(count, 1700)
    near(complaints.length / received.length, 0.79, 0.03)
    const mean = (hours: number[]) => hours.reduce((sum, hour) => sum + byHour[hour]!, 0) / hours.length
    expect(mean([9, 10, 14, 15, 16])).toBeGreaterThan(3 * mean([0, 1, 2, 3, 4, 5]))
  })

  it('follows the 12315 complaint mix', () => {
    const mix = { after_sales: 23, quality: 19, food_safety: 19, price: 9, contract: 8, unfair_competition: 5, metrology: 2, advertising: 2, other: 12 }
    for (const [category, percent] of Object.entries(mix)) {
      const share = (100 * complaints.filter((record) => record.category === category).length) / complaints.length
      expect(Math.abs(share - percent), category).toBeLessThan(1.5)
    }
  })

  it('inspects ≈ 40万 entities a year at random, joint ≈ 40% of random, 10–20% with problems', () => {
    near(perYear(countKind('random') + countKind('joint')), 400_000)
    near(countKind('joint') / countKind('random'), 0.4, 0.1)
    const withProblems = inspections.filter((record) => record.result === 'problems').length / inspections.length
    within(withProblems, 0.1, 0.2)
    expect(inspections.some((record) => record.result === 'not_found')).toBe(true)
    expect(countKind('key') * countKind('special_equipment') * countKind('campaign')).toBeGreaterThan(0)
  })

  // Ordinary weeks run a little above a year's average, which has its holidays.
  it('samples ≈ 35–40万 food batches a year, ≈ 2.7% failed', () => {
    const sampling = records.flatMap((record) => (record.type === 'food_sampling' ? [record] : []))
    const batches = sampling.reduce((sum, record) => sum + record.batches, 0)
    near(perYear(batches), 375_000)
    near(sampling.reduce((sum, record) => sum + record.failed, 0) / batches, 0.027, 0.15)
  })

  it('opens ≈ 6万 cases a year (≈ 40% food), with ≈ 2% of accepted complaints turned into cases', () => {
    // Cases from complaints follow their complaints by weeks, so the rate is measured on whole lifecycles.
    const random = new Random(5)
    const base = { type: 'complaint' as const, regionCode: '510104', receivedAt: '2026-06-22T10:00:00+08:00', channel: 'hotline' as const, category: 'quality' as const }
    const lifecycles = Array.from({ length: 50_000 }, (_, index) => complaintSteps(random, { ...base, id: `T${index}` }, at(base.receivedAt), { mediationSuccess: 0.48, chengduArea: false }))
    const statuses = lifecycles.map((steps) => new Set(steps.map((step) => (step.record as ComplaintRecord).status)))
    const accepted = statuses.filter((reached) => reached.has('accepted')).length
    const toCase = statuses.filter((reached) => reached.has('to_case')).length / accepted
    near(toCase, 0.02, 0.2)
    // 调解成功率 is the area's share of concluded mediations (docs/domain.md: 30–66% by area).
    const agreed = statuses.filter((reached) => reached.has('mediated')).length
    near(agreed / (agreed + statuses.filter((reached) => reached.has('mediation_ended')).length), 0.48, 0.05)
    const opened = records.filter((record): record is CaseRecord => record.type === 'case' && record.status === 'opened')
    const direct = opened.filter((record) => record.sourceComplaintId === undefined)
    const acceptedComplaints = complaints.length * (accepted / lifecycles.length)
    near(perYear(direct.length + toCase * acceptedComplaints), 60_000)
    near(direct.filter((record) => record.domain === 'food').length / direct.length, 0.4, 0.1)
    expect(direct.some((record) => record.major === true)).toBe(true)
  })

  it('fines and confiscates ≈ 4.6亿元 a year, most cases small and a few large', () => {
    const random = new Random(9)
    const base = { type: 'case' as const, regionCode: '510104', openedAt: '2026-06-22T10:00:00+08:00', domain: 'food' as const }
    const amounts = Array.from({ length: 60_000 }, (_, index) => {
      const decided = caseSteps(random, { ...base, id: `A${index}`, ...(random.chance(0.01) ? { major: true } : {}) }, at(base.openedAt)).at(-1)?.record as CaseRecord
      return (decided.fineYuan ?? 0) + (decided.confiscatedYuan ?? 0)
    }).sort((a, b) => a - b)
    near(amounts.reduce((sum, amount) => sum + amount, 0), 4.6e8)
    expect(amounts[amounts.length / 2]).toBeLessThan(3000)
    expect(amounts.at(-1)).toBeGreaterThan(500_000)
  })

  it('runs 春雷行动 with per-city targets, a few cities deliberately behind', () => {
    const campaign = records.find((record) => record.type === 'campaign')
    if (campaign?.type !== 'campaign') throw new Error('no campaign record')
    expect(records.indexOf(campaign)).toBeLessThan(records.findIndex((record) => 'campaignId' in record && record.campaignId === campaign.id))
    const regions = sichuanTree()
    const progress = campaign.targets.map((target) => {
      const done = inspections.filter((record) => record.campaignId === campaign.id && regions.get(record.regionCode)?.parentCode === target.regionCode).length
      return done / (target.inspections ?? 1)
    })
    const median = [...progress].sort((a, b) => a - b)[Math.floor(progress.length / 2)]!
    expect(campaign.targets).toHaveLength(21)
    expect(progress.filter((ratio) => ratio < 0.7 * median).length).toBeGreaterThanOrEqual(3)
  })
})
