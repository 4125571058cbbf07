import { readPeriod } from '../../../shared/period'
import type { Messages } from '../i18n/messages'

/** "年度累计", "近7日", "行动期内", "2026-01-01 至 2026-03-31". */
export function periodLabel(period: string, t: Messages): string {
  const reading = readPeriod(period)
  // Never met on a screen: the router refuses a URL whose period does not read.
  if (!reading.ok) return period
  const { spec } = reading
  switch (spec.kind) {
    case 'relative':
      return t.periods[spec.name]
    case 'campaign':
      return t.campaignPeriod
    case 'range':
      return t.rangePeriod(spec.range.from, spec.range.to)
  }
}
