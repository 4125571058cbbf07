// A metric's value as a wall prints it: counts and money in 万/亿 (1.79亿元, 33.6万户),
// percentages with one decimal, per-thousand figures with two.
import type { MetricUnit } from '../../../shared/metrics'
import type { Locale } from '../i18n/messages'
import { type CountParts, countColumn, countParts } from './count'

const UNIT_WORDS: Record<Locale, Record<Exclude<MetricUnit, '%'>, string>> = {
  'zh-CN': { items: '件', yuan: '元', batches: '批/千人' },
  en: { items: '', yuan: ' yuan', batches: ' per 1,000' },
}

/** The printed number and what follows it ("1.79" + "亿元"); "—" when there is no value. */
export function metricParts(value: number | null, unit: MetricUnit, locale: Locale): CountParts {
  if (value === null || !Number.isFinite(value)) return { value: '—', unit: '' }
  if (unit === '%') return { value: fixedOrSignificant(value, USUAL_DECIMALS['%']), unit: '%' }
  if (unit === 'batches') return { value: fixedOrSignificant(value, USUAL_DECIMALS.batches), unit: UNIT_WORDS[locale].batches }
  const parts = countParts(value, locale)
  return { value: parts.value, unit: parts.unit + UNIT_WORDS[locale][unit] }
}

/** The usual decimals of a unit printed with a fixed number of them. */
const USUAL_DECIMALS = { '%': 1, batches: 2 } as const

/**
 * The usual decimals, or two significant digits for a value they would print as zero: a tile
 * reading 0.0% beside a ranking of 0.026% says the ratio is nothing.
 */
function fixedOrSignificant(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals)
  return value !== 0 && Number(fixed) === 0 ? value.toPrecision(2) : fixed
}
/** More decimals than the usual ones a column may take to tell its values apart. */
const EXTRA_DECIMALS = 3

/**
 * The decimals at which values that differ print differently, from the unit's usual ones up to
 * three more: 21 cities at "0.0%" ranked 1 to 21 read 0.031% … 0.049% instead.
 */
export function decimalsToTellApart(values: readonly (number | null)[], unit: '%' | 'batches'): number {
  const distinct = [...new Set(values.filter((value): value is number => value !== null && Number.isFinite(value)))].sort((a, b) => a - b)
  const usual = USUAL_DECIMALS[unit]
  for (let decimals = usual; decimals < usual + EXTRA_DECIMALS; decimals++) {
    if (distinct.every((value, index) => index === 0 || value.toFixed(decimals) !== distinct[index - 1]!.toFixed(decimals))) return decimals
  }
  return usual + EXTRA_DECIMALS
}

/**
 * One form of number for a column of a metric's values (a ranking, a legend): rates with the
 * decimals that tell them apart, counts all in full or all in 万.
 */
export function metricColumn(values: readonly (number | null)[], unit: MetricUnit, locale: Locale): (value: number | null) => CountParts {
  const none = { value: '—', unit: '' }
  if (unit === '%' || unit === 'batches') {
    const decimals = decimalsToTellApart(values, unit)
    const unitWord = unit === '%' ? '%' : UNIT_WORDS[locale].batches
    return (value) => (value === null || !Number.isFinite(value) ? none : { value: value.toFixed(decimals), unit: unitWord })
  }
  const counts = countColumn(values.filter((value): value is number => value !== null), locale)
  return (value) => {
    if (value === null || !Number.isFinite(value)) return none
    const parts = counts(value)
    return { value: parts.value, unit: parts.unit + UNIT_WORDS[locale][unit] }
  }
}

export function formatMetric(value: number | null, unit: MetricUnit, locale: Locale): string {
  const parts = metricParts(value, unit, locale)
  return parts.value + parts.unit
}

/**
 * Year on year: the change in percentage points for rates, relative (%) for amounts;
 * null when there is nothing to compare with.
 */
export function yearOnYear(current: number | null, previous: number | null, unit: MetricUnit): { change: number; points: boolean } | null {
  if (current === null || previous === null) return null
  if (unit === '%') return { change: current - previous, points: true }
  if (previous === 0) return null
  return { change: ((current - previous) / Math.abs(previous)) * 100, points: false }
}

/** Days from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysInRange(range: { from: string; to: string }): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1
}
