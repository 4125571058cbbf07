// An open alert as the API answers it, for tests of what reads alerts (grouping, the desk's drafts):
// firing, unsnoozed, unacknowledged; a test names what it is about.
import type { Alert } from '../../shared/alerts'

export function openAlert(fields: Pick<Alert, 'id' | 'rule' | 'regionCode' | 'regionName'> & Partial<Alert>): Alert {
  return {
    subject: '',
    severity: 'major',
    state: 'firing',
    figures: {},
    message: { zh: '预警', en: 'alert' },
    firstSeenAt: '2026-12-04T09:00:00+08:00',
    lastSeenAt: '2026-12-04T10:00:00+08:00',
    resolvedAt: null,
    snoozedUntil: null,
    snoozeReason: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    link: `/wall/overview/${fields.regionCode}`,
    children: [],
    ...fields,
  }
}
