// What both checks of the read API share: reading it, the regions it is asked about, and
// differences collected as readable lines.
import { isDeepStrictEqual } from 'node:util'
import type { FastifyInstance } from 'fastify'
import type { RegionDetail } from '../../../shared/api'
import type { MetricValue } from '../../../shared/metrics'
import type { RegionReference } from '../../support/catalogue-oracle'

const NO_FIGURES: MetricValue = { value: null, numerator: null, denominator: null }

export async function getJson<T>(app: FastifyInstance, url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url })
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`)
  return response.json<T>()
}

/** Reference figures and children of the compared regions, as the regions API serves them. */
export class RegionsUnderTest {
  readonly #figures = new Map<string, RegionReference>()

  constructor(readonly details: ReadonlyMap<string, RegionDetail>) {
    for (const detail of details.values()) for (const region of [detail.region, ...detail.children]) this.#figures.set(region.code, region)
  }

  reference(code: string): RegionReference {
    const figures = this.#figures.get(code)
    if (figures === undefined) throw new Error(`no reference figures loaded for ${code}`)
    return figures
  }

  childCodes(code: string): string[] {
    return (this.details.get(code)?.children ?? []).map((child) => child.code)
  }
}

/** Collects differences as readable lines, so one failure lists everything that is off. */
export class Differences {
  readonly #lines: string[] = []

  /** how the expected figures were found, as each line says */
  constructor(readonly expectedBy = 'recomputed') {}

  add(line: string): void {
    this.#lines.push(line)
  }

  same(where: string, actual: unknown, expected: unknown): void {
    if (!isDeepStrictEqual(actual, expected)) this.add(`${where}: API ${JSON.stringify(actual)}, ${this.expectedBy} ${JSON.stringify(expected)}`)
  }

  /** Counts exactly; rates and yuan to a relative 1e-9 (floating point may add in another order). */
  metric(where: string, actual: MetricValue | null, expected: MetricValue): void {
    const figures = actual ?? NO_FIGURES
    for (const field of ['value', 'numerator', 'denominator'] as const) {
      const [a, e] = [figures[field], expected[field]]
      const close = a !== null && e !== null && (field === 'value' || !Number.isInteger(e)) && Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e))
      if (a !== e && !close) this.add(`${where} ${field}: API ${a}, ${this.expectedBy} ${e}${actual === null ? ' (API has no figures)' : ''}`)
    }
  }

  sorted(): string[] {
    return [...this.#lines].sort()
  }
}
