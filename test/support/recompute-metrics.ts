// The plain recomputation the read API is checked against: every stored record's
// counter contributions rolled up by the region code itself (county, its city, its
// province), summed over local days, and each catalogue metric worked out from
// those sums by the formula its definition states. Deliberately shares nothing with
// the server's metric-value, period or counter-query code.
import type { FastifyInstance } from 'fastify'
import type { CounterSum, MetricDefinition, MetricValue } from '../../shared/metrics'
import type { IngestRecord } from '../../shared/records'
import { lockWrites } from '../../server/db/write-lock'
import { type StatusStep, clocksOf } from '../../server/clocks/statutory-clocks'
import { contributionsOf } from '../../server/metrics/contributions'
import { type LocalRange, localDayOf } from './local-days'

/** The figures a reference_ratio divides by, as the regions API serves them. */
export interface ReferenceFigures {
  population: number
  marketEntities: number
}

export interface StoredState {
  records: { record: IngestRecord; history: StatusStep[] }[]
  sweptUntil: Date
  /** when the state was read: "now" for open items past deadline, and the local today */
  takenAt: Date
}

/** Stored records and the sweep watermark, read together under the write lock. */
export async function readStoredState(app: FastifyInstance): Promise<StoredState> {
  const { swept_until, rows } = await app.database.db.transaction().setIsolationLevel('repeatable read').execute(async (db) => {
    await lockWrites(db)
    return {
      ...(await db.selectFrom('sweep_watermark').select('swept_until').executeTakeFirstOrThrow()),
      rows: await db.selectFrom('records').select(['content', 'steps']).execute(),
    }
  })
  return {
    records: rows.map((row) => ({ record: row.content as IngestRecord, history: row.steps.map((step) => ({ status: step.status, statusAt: new Date(step.statusAt) })) })),
    sweptUntil: new Date(swept_until),
    takenAt: new Date(),
  }
}

// ── Counters and open items from stored records ──────────────────────────────

/** A county's code, its city's and its province's: GB/T 2260 codes nest, so the code itself names the levels. */
export function codeLevels(countyCode: string): string[] {
  return [...new Set([countyCode, `${countyCode.slice(0, 4)}00`, `${countyCode.slice(0, 2)}0000`])]
}

interface OpenDeadline {
  regionCodes: readonly string[]
  clock: string
  dueAt: Date
}

export class MetricRecomputation {
  /** region code → counter → local day → amount */
  readonly #counts = new Map<string, Map<string, Map<string, number>>>()
  readonly #openDeadlines: OpenDeadline[] = []

  constructor(
    readonly state: StoredState,
    readonly timeZone: string,
  ) {
    for (const { record, history } of state.records) {
      const regionCodes = codeLevels(record.regionCode)
      for (const increment of contributionsOf(record, history, state.sweptUntil, timeZone)) {
        for (const code of regionCodes) {
          const counters = this.#counts.get(code) ?? new Map<string, Map<string, number>>()
          const days = counters.get(increment.metric) ?? new Map<string, number>()
          days.set(increment.day, (days.get(increment.day) ?? 0) + increment.amount)
          counters.set(increment.metric, days)
          this.#counts.set(code, counters)
        }
      }
      for (const clock of clocksOf(record, history, timeZone)) {
        if (clock.doneAt === null) this.#openDeadlines.push({ regionCodes, clock: clock.clock, dueAt: clock.dueAt })
      }
    }
  }

  /** The local day the state was read on. */
  get today(): string {
    return localDayOf(this.state.takenAt, this.timeZone)
  }

  /** counter → its sum over the range at the region; counters without contributions read 0 */
  counterSums(regionCode: string, range: LocalRange): (counter: string) => number {
    const counters = this.#counts.get(regionCode)
    return (counter) => {
      let total = 0
      for (const [day, amount] of counters?.get(counter) ?? []) if (day >= range.from && day <= range.to) total += amount
      return total
    }
  }

  /** Open items past their deadline when the state was read, under the region, by clock. */
  overdueOpen(regionCode: string): { total: number; byClock: Map<string, number> } {
    const byClock = new Map<string, number>()
    let total = 0
    for (const deadline of this.#openDeadlines) {
      if (deadline.dueAt < this.state.takenAt && deadline.regionCodes.includes(regionCode)) {
        total += 1
        byClock.set(deadline.clock, (byClock.get(deadline.clock) ?? 0) + 1)
      }
    }
    return { total, byClock }
  }

  /**
   * Whether figures read from the API until `readUntil` describe this state: no open
   * deadline fell due and no local midnight passed meanwhile (the background sweeper
   * would have moved due counts, and overdue counts and "today" would differ).
   */
  stillCurrentAt(readUntil: Date): boolean {
    const since = Math.min(this.state.sweptUntil.getTime(), this.state.takenAt.getTime())
    const crossed = this.#openDeadlines.some((deadline) => deadline.dueAt.getTime() >= since && deadline.dueAt <= readUntil)
    return !crossed && localDayOf(readUntil, this.timeZone) === this.today
  }
}

// ── Metric values by the catalogue's formulas ────────────────────────────────

const NOTHING: MetricValue = { value: null, numerator: null, denominator: null }

function total(terms: CounterSum, counterSum: (counter: string) => number): number {
  let sum = 0
  for (const counter of terms.add) sum += counterSum(counter)
  for (const counter of terms.subtract ?? []) sum -= counterSum(counter)
  return sum
}

/** Counter names a metric's definition reads; none for states and campaign figures. */
export function countersRead(definition: MetricDefinition): string[] {
  const c = definition.computation
  const names = (terms: CounterSum) => [...terms.add, ...(terms.subtract ?? [])]
  if (c.kind === 'ratio') return [...names(c.numerator), ...names(c.denominator)]
  if (c.kind === 'reference_ratio') return names(c.numerator)
  if (c.kind === 'sum') return names(c.counters)
  return []
}

/** Whether a metric is a sum over days (it has a daily trend and a year-earlier figure). */
export const isSumOverDays = (definition: MetricDefinition): boolean => countersRead(definition).length > 0

/**
 * A metric's value, numerator and denominator by the formula of its definition
 * (shared/metrics.ts). Campaign figures exist only for a campaign period, which
 * these checks do not use, so they have none.
 */
export function expectedMetric(definition: MetricDefinition, counterSum: (counter: string) => number, reference: ReferenceFigures, overdueOpen: number): MetricValue {
  const c = definition.computation
  switch (c.kind) {
    case 'ratio': {
      const numerator = total(c.numerator, counterSum)
      const denominator = total(c.denominator, counterSum)
      return { value: denominator === 0 ? null : (numerator / denominator) * c.scale, numerator, denominator }
    }
    case 'reference_ratio': {
      const numerator = total(c.numerator, counterSum)
      const denominator = c.reference === 'market_entities' ? reference.marketEntities : reference.population / 1000
      return { value: denominator === 0 ? null : (numerator / denominator) * c.scale, numerator, denominator }
    }
    case 'sum': {
      const value = total(c.counters, counterSum) / c.divisor
      return { value, numerator: value, denominator: null }
    }
    case 'state': {
      if (c.source === 'overdue_deadlines') return { value: overdueOpen, numerator: overdueOpen, denominator: null }
      // The record streams checked against this dispatch no tasks; test/server/tasks counts them.
      return { value: 0, numerator: 0, denominator: null }
    }
    case 'campaign':
      return NOTHING
  }
}
