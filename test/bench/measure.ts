// What every leg of npm run bench shares: its rows, and how a time or a spread is taken.

export type Kind = 'postgres' | 'pglite'

export interface BenchRow {
  database: Kind
  measure: string
  value: number
  unit: string
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return (performance.now() - start) / 1000
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}
