// A metric's value as a wall prints it: counts and money in 万/亿 (1.79亿元, 33.6万户),
// percentages with one decimal, per-thousand figures with two.
import type { MetricUnit } from '../../../shared/metrics'
import type { Locale } from '../i18n/messages'
import { type CountParts, countParts } from './count'

const UNIT_WORDS: Record<Locale, Record<Exclude<MetricUnit, '%'>, string>> = {
  'zh-CN': { items: '件', yuan: '元', batches: '批/千人' },
  en: { items: '', yuan: ' yuan', batches: ' per 1,000' },
}

/** The printed number and what follows it ("1.79" + "亿元"); "—" when there is no value. */
export function metricParts(value: number | null, unit: MetricUnit, locale: Locale): CountParts {
  if (value === null || !Number.isFinite(value)) return { value: '—', unit: '' }
  if (unit === '%') return { value: value.toFixed(1), unit: '%' }
  if (unit === 'batches') return { value: value.toFixed(2), unit: UNIT_WORDS[locale].batches }
  const parts = countParts(value, locale)
  return { value: parts.value, unit: parts.unit + UNIT_WORDS[locale][unit] }
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
