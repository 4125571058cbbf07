// A seeded source of the draws the generator needs; the same seed gives the same demo.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

export class Random {
  readonly #rng: JumpableRandomGenerator

  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed)
  }

  /** uniform in [0, 1) */
  float(): number {
    return uniformFloat64(this.#rng)
  }

  /** uniform integer in [min, max] */
  int(min: number, max: number): number {
    return uniformInt(this.#rng, min, max)
  }

  chance(probability: number): boolean {
    return this.float() < probability
  }

  pick<T>(values: readonly T[]): T {
    const value = values[this.int(0, values.length - 1)]
    if (value === undefined) throw new Error('pick from an empty list')
    return value
  }

  /** a key of `weights`, with probability proportional to its weight */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = Object.entries(weights) as [K, number][]
    let left = this.float() * entries.reduce((sum, [, weight]) => sum + weight, 0)
    for (const [key, weight] of entries) {
      left -= weight
      if (left < 0) return key
    }
    return entries[entries.length - 1]![0]
  }

  normal(): number {
    // Box–Muller; 1 - float() is never 0, so the logarithm is finite.
    return Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float())
  }

  /** skewed amounts: most near the median, a few far above it */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** how many events happen when `mean` are expected */
  poisson(mean: number): number {
    if (mean <= 0) return 0
    // Knuth's product method is exact but slow for large means, where the normal approximation is close enough.
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()))
    const limit = Math.exp(-mean)
    let count = 0
    let product = this.float()
    while (product > limit) {
      count += 1
      product *= this.float()
    }
    return count
  }

  chars(alphabet: string, length: number): string {
    let text = ''
    for (let index = 0; index < length; index++) text += alphabet.charAt(this.int(0, alphabet.length - 1))
    return text
  }
}
