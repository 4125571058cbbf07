import { describe, expect, it } from 'vitest'
import { METRICS, METRIC_KEYS, metricDefinition } from '../../../shared/metrics'
import { CHANNELS, COMPLAINT_CATEGORIES, INSPECTION_KINDS } from '../../../shared/records'
import { CLOCK_NAMES } from '../../../server/clocks/statutory-clocks'
import { COUNTER } from '../../../server/metrics/counter-keys'
import { type RegionInputs, computeMetric, countersOf, rankByValue, ratio } from '../../../server/metrics/metric-values'

const inputs = (counters: Record<string, number>, extra: Partial<RegionInputs> = {}): RegionInputs => ({
  counters: new Map(Object.entries(counters)),
  marketEntities: 200_000,
  population: 2_000_000,
  overdueOpen: null,
  overdueTasks: null,
  campaign: null,
  ...extra,
})

describe('metric catalogue', () => {
  it('defines every key of the catalogue (docs/domain.md) once, in its order', () => {
    expect(METRICS.map((metric) => metric.key)).toEqual([...METRIC_KEYS])
    expect(METRIC_KEYS).toHaveLength(22)
  })

  it('reads only counters that ingest writes (counter-keys.ts)', () => {
    const written = new Set<string>([
      ...(Object.values(COUNTER).filter((value) => typeof value === 'string') as string[]),
      ...INSPECTION_KINDS.map(COUNTER.inspectionsByKind),
      ...CHANNELS.map(COUNTER.intakeByChannel),
      ...COMPLAINT_CATEGORIES.map(COUNTER.intakeByCategory),
      ...CLOCK_NAMES.flatMap((clock) => [COUNTER.clockDue(clock), COUNTER.clockOnTime(clock)]),
    ])
    const read = METRICS.flatMap(countersOf)
    expect(read.length).toBeGreaterThan(20)
    expect(read.filter((counter) => !written.has(counter))).toEqual([])
  })

  it('carries the plan targets with their direction', () => {
    expect(metricDefinition('food_pass_rate')).toMatchObject({ unit: '%', better: 'higher', target: { value: 98 } })
    expect(metricDefinition('random_inspection_ratio').target?.value).toBe(5)
    expect(metricDefinition('overdue_open')).toMatchObject({ better: 'lower', target: { value: 0 } })
    expect(metricDefinition('tasks_overdue')).toMatchObject({ availability: 'tracked', better: 'lower', target: { value: 0 } })
    expect(metricDefinition('inspection_problem_rate').target).toBeNull()
  })
})

describe('rates at read time', () => {
  it('computes a rate from its counters, and none when the denominator is 0', () => {
    expect(computeMetric(metricDefinition('joint_inspection_share'), inputs({ 'inspections.kind.joint': 3, 'inspections.kind.random': 12 }))).toEqual({ value: 25, numerator: 3, denominator: 12 })
    expect(computeMetric(metricDefinition('joint_inspection_share'), inputs({ 'inspections.kind.joint': 3 }))).toEqual({ value: null, numerator: 3, denominator: 0 })
    expect(ratio(0, 0, 100)).toBeNull()
    expect(ratio(0, 5, 100)).toBe(0)
  })

  it('counts passed food batches as tested minus failed', () => {
    expect(computeMetric(metricDefinition('food_pass_rate'), inputs({ 'food.batches': 1000, 'food.failed': 27 }))).toEqual({ value: 97.3, numerator: 973, denominator: 1000 })
  })

  it('divides by reference figures of the region', () => {
    expect(computeMetric(metricDefinition('random_inspection_ratio'), inputs({ 'inspections.kind.random': 10_000 }))).toEqual({ value: 5, numerator: 10_000, denominator: 200_000 })
    expect(computeMetric(metricDefinition('food_tests_per_thousand'), inputs({ 'food.batches': 8000 }))).toEqual({ value: 4, numerator: 8000, denominator: 2000 })
    expect(computeMetric(metricDefinition('food_tests_per_thousand'), inputs({ 'food.batches': 8 }, { population: 0 })).value).toBeNull()
  })

  it('turns fen into yuan and counts into items', () => {
    expect(computeMetric(metricDefinition('recovered_loss'), inputs({ 'complaints.recovered_fen': 123_456 }))).toEqual({ value: 1234.56, numerator: 1234.56, denominator: null })
    expect(computeMetric(metricDefinition('cases_opened'), inputs({}))).toEqual({ value: 0, numerator: 0, denominator: null })
  })

  it('takes state and campaign figures from their inputs only', () => {
    expect(computeMetric(metricDefinition('overdue_open'), inputs({}, { overdueOpen: 4 })).value).toBe(4)
    expect(computeMetric(metricDefinition('overdue_open'), inputs({})).value).toBeNull()
    expect(computeMetric(metricDefinition('tasks_overdue'), inputs({}, { overdueTasks: 2, overdueOpen: 4 })).value).toBe(2)
    expect(computeMetric(metricDefinition('tasks_overdue'), inputs({})).value).toBeNull()
    expect(computeMetric(metricDefinition('campaign_progress'), inputs({})).value).toBeNull()
    const campaign = { least: { actual: 40, target: 100, percent: 40 }, schedule: { elapsedDays: 60, totalDays: 100, percent: 60 } }
    expect(computeMetric(metricDefinition('campaign_progress'), inputs({}, { campaign }))).toEqual({ value: 40, numerator: 40, denominator: 100 })
    expect(computeMetric(metricDefinition('campaign_schedule'), inputs({}, { campaign }))).toEqual({ value: 60, numerator: 60, denominator: 100 })
  })
})

describe('ranking', () => {
  const items = [
    { code: '510300', value: 90 },
    { code: '510100', value: null },
    { code: '510400', value: 99 },
    { code: '510500', value: 90 },
    { code: '510600', value: 70 },
  ]
  const order = (better: 'higher' | 'lower' | null) => rankByValue(items, better).map(({ rank, item }) => `${rank}:${item.code}`)

  it('puts the best first by the direction, ties sharing a rank in code order, nulls last', () => {
    expect(order('higher')).toEqual(['1:510400', '2:510300', '2:510500', '4:510600', '5:510100'])
    expect(order('lower')).toEqual(['1:510600', '2:510300', '2:510500', '4:510400', '5:510100'])
  })

  it('puts the largest first when the metric has no better direction', () => {
    expect(order(null)).toEqual(order('higher'))
  })
})
