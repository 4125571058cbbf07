import type { Messages } from '../i18n/messages'

/** "年度累计", "近7日", "行动期内", "2026-01-01 至 2026-03-31". */
export function periodLabel(period: string, t: Messages): string {
  const named = t.periods[period]
  if (named !== undefined) return named
  if (period.startsWith('campaign:')) return t.campaignPeriod
  const [from, to] = period.split('..')
  return from !== undefined && to !== undefined ? t.rangePeriod(from, to) : period
}
