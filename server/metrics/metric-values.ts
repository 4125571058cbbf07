// Rates from counters, at read time. Pure: every input is already loaded.
import type { CounterSum, MetricDefinition, MetricValue } from '../../shared/metrics'

export interface CampaignInputs {
  /** the target kind furthest behind, or null without targets */
  least: { actual: number; target: number; percent: number } | null
  schedule: { elapsedDays: number; totalDays: number; percent: number }
}

export interface RegionInputs {
  counters: ReadonlyMap<string, number>
  marketEntities: number
  population: number
  /** open items past deadline now; null where the caller did not load them */
  overdueOpen: number | null
  /** open follow-up tasks past their deadline now; null where the caller did not load them */
  overdueTasks: number | null
  /** null unless the period is a campaign */
  campaign: CampaignInputs | null
}

const NO_VALUE: MetricValue = { value: null, numerator: null, denominator: null }

const countersByMetric = new Map<MetricDefinition, string[]>()

/** Counter names a metric reads (worked out once per definition: reads ask for them per region and tick). */
export function countersOf(definition: MetricDefinition): string[] {
  let counters = countersByMetric.get(definition)
  if (counters === undefined) countersByMetric.set(definition, (counters = readCounters(definition.computation)))
  return counters
}

function readCounters(c: MetricDefinition['computation']): string[] {
  switch (c.kind) {
    case 'ratio':
      return [...new Set([...termNames(c.numerator), ...termNames(c.denominator)])]
    case 'reference_ratio':
      return termNames(c.numerator)
    case 'sum':
      return termNames(c.counters)
    default:
      return []
  }
}

function termNames(terms: CounterSum): string[] {
  return [...terms.add, ...(terms.subtract ?? [])]
}

// Plain loops: this runs for every metric of every region a live tick reads.
export function sumOf(terms: CounterSum, counters: ReadonlyMap<string, number>): number {
  let total = 0
  for (const name of terms.add) total += counters.get(name) ?? 0
  if (terms.subtract !== undefined) for (const name of terms.subtract) total -= counters.get(name) ?? 0
  return total
}

/** A rate with a zero denominator has no value (null), never 0 or 100. */
export function ratio(numerator: number, denominator: number, scale: number): number | null {
  return denominator === 0 ? null : (numerator / denominator) * scale
}

export function computeMetric(definition: MetricDefinition, inputs: RegionInputs): MetricValue {
  const c = definition.computation
  switch (c.kind) {
    case 'ratio': {
      const numerator = sumOf(c.numerator, inputs.counters)
      const denominator = sumOf(c.denominator, inputs.counters)
      return { value: ratio(numerator, denominator, c.scale), numerator, denominator }
    }
    case 'reference_ratio': {
      const numerator = sumOf(c.numerator, inputs.counters)
      const denominator = c.reference === 'market_entities' ? inputs.marketEntities : inputs.population / 1000
      return { value: ratio(numerator, denominator, c.scale), numerator, denominator }
    }
    case 'sum': {
      const value = sumOf(c.counters, inputs.counters) / c.divisor
      return { value, numerator: value, denominator: null }
    }
    case 'state':
    {
      const count = c.source === 'overdue_tasks' ? inputs.overdueTasks : inputs.overdueOpen
      return count === null ? NO_VALUE : { value: count, numerator: count, denominator: null }
    }
    case 'campaign': {
      if (inputs.campaign === null) return NO_VALUE
      if (c.measure === 'schedule') {
        const { elapsedDays, totalDays, percent } = inputs.campaign.schedule
        return { value: percent, numerator: elapsedDays, denominator: totalDays }
      }
      const least = inputs.campaign.least
      return least === null ? NO_VALUE : { value: least.percent, numerator: least.actual, denominator: least.target }
    }
  }
}

export interface Ranked<T> {
  rank: number
  item: T
}

/**
 * Best first by the metric's better direction (largest first when it has none), nulls
 * last; ties share a rank and keep code order, so the same data always ranks the same.
 */
export function rankByValue<T extends { code: string; value: number | null }>(items: readonly T[], better: MetricDefinition['better']): Ranked<T>[] {
  const sign = better === 'lower' ? 1 : -1
  const sorted = [...items].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.code.localeCompare(b.code) : a.value === null ? 1 : -1
    return sign * (a.value - b.value) || a.code.localeCompare(b.code)
  })
  const ranked: Ranked<T>[] = []
  sorted.forEach((item, index) => {
    const previous = ranked[index - 1]
    const tied = previous !== undefined && previous.item.value === item.value
    ranked.push({ rank: tied ? previous.rank : index + 1, item })
  })
  return ranked
}
