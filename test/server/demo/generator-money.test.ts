// Fines and confiscations of the demo over 120 days at 1× (2026-03-02 to 06-29), generated in
// memory: cases decide in their statutory time from a history's first day on, and the decisions
// carry the money of docs/domain.md (≈ 6万 cases and ≈ 4.6亿元 a year).
import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../../shared/records'
import { DemoGenerator } from '../../../server/demo/generator'
import { at, sichuanTree } from './demo-regions'

const DAY_MS = 86_400_000
const DAYS = 120
const FROM = at('2026-03-02T00:00:00+08:00')
const TO = FROM + DAYS * DAY_MS
/** a later window at a trace of the volume: only the steps already decided come out in number */
const AFTERWARDS = [TO, TO + 160 * DAY_MS, 0.0001] as const

const regions = sichuanTree()
const generator = new DemoGenerator({ regions, seed: 17, openCases: 'lead-in' })
const cases = generator.generate(FROM, TO).filter((record): record is CaseRecord => record.type === 'case')
const decisions = cases.filter((record) => record.status === 'decided')
const amount = (record: CaseRecord) => (record.fineYuan ?? 0) + (record.confiscatedYuan ?? 0)
const total = (records: readonly CaseRecord[]) => records.reduce((sum, record) => sum + amount(record), 0)
const within = (value: number, low: number, high: number, what: string) => {
  expect(value, what).toBeGreaterThanOrEqual(low)
  expect(value, what).toBeLessThanOrEqual(high)
}
/** the cases whose last record in `records` is their opening */
const stillOpen = (records: readonly CaseRecord[]) => {
  const last = new Map<string, CaseRecord>()
  for (const record of records) last.set(record.id, record)
  return [...last.values()].filter((record) => record.status === 'opened')
}

describe('demo fines and confiscations (Sichuan)', () => {
  it('decides cases within 90 days of opening (120 when extended), a few late; ≈ 2% are transferred', () => {
    const daysTaken = (record: CaseRecord) => (Date.parse(record.statusAt) - Date.parse(record.openedAt)) / DAY_MS
    const onTime = decisions.filter((record) => daysTaken(record) <= (record.extended === true ? 120 : 90)).length
    within(onTime / decisions.length, 0.93, 0.99, 'decided in statutory time')
    expect(decisions.length - onTime, 'late decisions').toBeGreaterThan(0)
    const transferred = cases.filter((record) => record.status === 'transferred').length
    within(transferred / (transferred + decisions.length), 0.01, 0.035, 'transferred')
  })

  it('decides as many cases in a history’s first month as in its last: the cases open when it began decide too', () => {
    const decidedBetween = (fromDay: number, toDay: number) =>
      decisions.filter((record) => Date.parse(record.statusAt) >= FROM + fromDay * DAY_MS && Date.parse(record.statusAt) < FROM + toDay * DAY_MS).length
    const [first, last] = [decidedBetween(0, 28), decidedBetween(DAYS - 28, DAYS)]
    within(first / last, 0.8, 1.25, `decisions in the first four weeks (${first}) against the last four (${last})`)
  })

  it('puts ≈ 7,700元 on a decided case, 15% without a fine and a long tail, ≈ 4.6亿元 a year', () => {
    const amounts = decisions.map(amount).sort((a, b) => a - b)
    within(total(decisions) / decisions.length, 6500, 9500, 'mean per decided case')
    within(amounts[amounts.length >> 1]!, 800, 3000, 'median per decided case')
    within(amounts.filter((yuan) => yuan === 0).length / amounts.length, 0.12, 0.18, 'share without a fine')
    expect(amounts.at(-1), 'largest').toBeGreaterThan(200_000)
    within((total(decisions) * 365) / DAYS, 3.7e8, 5.5e8, 'a year of fines and confiscations')
    // A case is closed with the amounts it was decided with.
    const decided = new Map(decisions.map((record) => [record.id, amount(record)]))
    for (const closed of cases.filter((record) => record.status === 'closed' && decided.has(record.id))) expect(amount(closed)).toBe(decided.get(closed.id))
  })

  it('gives campaign cases their decisions and money as well', () => {
    const campaignDecisions = decisions.filter((record) => record.campaignId !== undefined)
    expect(campaignDecisions.length).toBeGreaterThan(1000)
    within(total(campaignDecisions) / campaignDecisions.length, 5000, 11_000, 'mean per decided campaign case')
  })

  it('takes the cases still open at the end of a history to their decisions later, live, and so does a restarted generator', () => {
    const open = stillOpen(cases)
    expect(open.length).toBeGreaterThan(5000)
    const openIds = new Set(open.map((record) => record.id))
    const decidedLater = (later: readonly CaseRecord[]) => {
      const firstSteps = new Map<string, CaseRecord>()
      for (const record of later) if (openIds.has(record.id) && !firstSteps.has(record.id)) firstSteps.set(record.id, record)
      return [...firstSteps.values()]
    }
    const asCases = (records: ReturnType<DemoGenerator['generate']>) => records.filter((record): record is CaseRecord => record.type === 'case')
    const restarted = new DemoGenerator({ regions, seed: 18, openCases: open })
    for (const later of [asCases(generator.generate(...AFTERWARDS)), asCases(restarted.generate(...AFTERWARDS))]) {
      const firstSteps = decidedLater(later)
      expect(firstSteps).toHaveLength(open.length)
      for (const record of firstSteps) {
        expect(['decided', 'transferred']).toContain(record.status)
        expect(Date.parse(record.statusAt)).toBeGreaterThanOrEqual(TO)
      }
      const decided = firstSteps.filter((record) => record.status === 'decided')
      within(decided.filter((record) => amount(record) > 0).length / decided.length, 0.8, 0.9, 'decided with a fine')
    }
  })
})
