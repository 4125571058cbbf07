// Large counts the way Chinese statistics print them (万 = 10⁴, 亿 = 10⁸),
// and a compact English form. Fixed decimals keep table columns aligned.
import type { Locale } from '../i18n/messages'

export interface CountParts {
  /** the number as printed, e.g. "2093.8" */
  value: string
  /** the magnitude unit, e.g. "万", "亿", " M", or "" */
  unit: string
}

interface Step {
  size: number
  unit: string
  decimals: number
}

const ZH_STEPS: Step[] = [
  { size: 1e8, unit: '亿', decimals: 2 },
  { size: 1e4, unit: '万', decimals: 1 },
]

const EN_STEPS: Step[] = [
  { size: 1e9, unit: ' B', decimals: 2 },
  { size: 1e6, unit: ' M', decimals: 2 },
  { size: 1e3, unit: ' K', decimals: 1 },
]

export function countParts(n: number, locale: Locale): CountParts {
  if (!Number.isFinite(n)) return { value: '—', unit: '' }
  const steps = locale === 'zh-CN' ? ZH_STEPS : EN_STEPS
  const abs = Math.abs(n)
  let index = steps.findIndex((step) => abs >= step.size)
  if (index === -1) {
    const rounded = Math.round(n)
    if (Math.abs(rounded) < steps[steps.length - 1]!.size) return { value: String(rounded), unit: '' }
    index = steps.length - 1
  }
  let step = steps[index]!
  let value = (n / step.size).toFixed(step.decimals)
  // 99 999 999 rounds to "10000.0万": print it one step up as "1.00亿" instead.
  const bigger = steps[index - 1]
  if (bigger && Math.abs(Number(value)) * step.size >= bigger.size) {
    step = bigger
    value = (n / step.size).toFixed(step.decimals)
  }
  return { value, unit: step.unit }
}

/** "2093.8万" / "20.94 M"; add the thing counted with `suffix` ("人", " people"). */
export function formatCount(n: number, locale: Locale, suffix = ''): string {
  const { value, unit } = countParts(n, locale)
  return `${value}${unit}${suffix}`
}

/** Counts below this are printed in full in a column: five digits read at a glance. */
const IN_FULL_BELOW = 1e5

/**
 * One form for a column of counts, so "1.0万" never stands beside "4701": all in full while the
 * largest is below 100 000, else all in the largest's unit with the same decimals.
 */
export function countColumn(values: readonly number[], locale: Locale): (n: number) => CountParts {
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs))
  if (largest < IN_FULL_BELOW) return (n) => (Number.isFinite(n) ? { value: String(Math.round(n)), unit: '' } : { value: '—', unit: '' })
  const step = (locale === 'zh-CN' ? ZH_STEPS : EN_STEPS).find((candidate) => candidate.unit === countParts(largest, locale).unit)!
  return (n) => (Number.isFinite(n) ? { value: (n / step.size).toFixed(step.decimals), unit: step.unit } : { value: '—', unit: '' })
}
