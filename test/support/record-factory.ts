// Valid records for tests, with overridable fields.
import type { CampaignRecord, CaseRecord, ComplaintRecord, FoodSamplingRecord, InspectionRecord, ReportRecord } from '../../shared/records'
import { addCalendarDays, endOfLocalDay, isoInTimeZone, localDateOf } from '../../server/time/zoned-time'

export const VALID_USCC = ['91350100M000100Y43', '91110000802100433B', '91440300708461136T', '914403001922038216', '91310000132200821H'] as const

export function complaint(overrides: Partial<ComplaintRecord> = {}): ComplaintRecord {
  return {
    type: 'complaint',
    id: 'C-1',
    regionCode: '510104',
    receivedAt: '2026-11-02T09:30:00+08:00',
    channel: 'hotline',
    category: 'quality',
    status: 'received',
    statusAt: '2026-11-02T09:30:00+08:00',
    ...overrides,
  }
}

/**
 * A complaint received a minute ago, or at midnight when that minute was yesterday: a test
 * that watches today's figures must not lose its record when it runs just after midnight.
 */
export function complaintReceivedNow(overrides: Partial<ComplaintRecord> = {}, timeZone = 'Asia/Shanghai'): ComplaintRecord {
  const now = new Date()
  const startOfToday = endOfLocalDay(addCalendarDays(localDateOf(now, timeZone), -1), timeZone).getTime() + 1
  const at = isoInTimeZone(new Date(Math.max(now.getTime() - 60_000, startOfToday)), timeZone)
  return complaint({ receivedAt: at, statusAt: at, ...overrides })
}

export function report(overrides: Partial<ReportRecord> = {}): ReportRecord {
  return {
    type: 'report',
    id: 'R-1',
    regionCode: '510104',
    receivedAt: '2026-11-02T10:00:00+08:00',
    channel: 'web',
    category: 'price',
    status: 'received',
    statusAt: '2026-11-02T10:00:00+08:00',
    ...overrides,
  }
}

export function enforcementCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    type: 'case',
    id: 'K-1',
    regionCode: '510104',
    openedAt: '2026-10-01T10:00:00+08:00',
    domain: 'food',
    status: 'opened',
    statusAt: '2026-10-01T10:00:00+08:00',
    fineYuan: 12_000.5,
    confiscatedYuan: 300,
    ...overrides,
  }
}

export function inspection(overrides: Partial<InspectionRecord> = {}): InspectionRecord {
  return {
    type: 'inspection',
    id: 'I-1',
    regionCode: '510104',
    occurredAt: '2026-11-03T10:00:00+08:00',
    kind: 'random',
    domain: 'food',
    entity: { uscc: VALID_USCC[0], name: '锦江区示例食品店' },
    result: 'compliant',
    ...overrides,
  }
}

export function foodSampling(overrides: Partial<FoodSamplingRecord> = {}): FoodSamplingRecord {
  return { type: 'food_sampling', id: 'F-1', regionCode: '510104', occurredAt: '2026-11-03T11:00:00+08:00', batches: 10, failed: 1, category: '粮食加工品', ...overrides }
}

export function campaign(overrides: Partial<CampaignRecord> = {}): CampaignRecord {
  return {
    type: 'campaign',
    id: 'spring-thunder-2026',
    regionCode: '510000',
    name: '春雷行动2026',
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
    domains: ['food', 'price'],
    targets: [
      { regionCode: '510104', inspections: 100, cases: 10 },
      { regionCode: '510105', inspections: 50 },
      { regionCode: '510300', inspections: 80, cases: 8 },
    ],
    ...overrides,
  }
}
