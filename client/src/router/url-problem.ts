// What is wrong with a wall URL, for the wall to say in its own words. What the client can know
// itself (screen names, the period's grammar, the form of a region code) it finds before asking
// anything; whether a region or a campaign exists only the server knows, and says with a code.
import { type PeriodFault, readPeriod } from '../../../shared/period'

export type UrlProblem =
  | { kind: 'unknown_path'; path: string }
  | { kind: 'unknown_screen'; names: string[] }
  | { kind: 'empty_playlist' }
  | { kind: 'invalid_region'; region: string }
  | { kind: 'unknown_region'; region: string }
  | { kind: 'invalid_period'; period: string; fault: PeriodFault }
  | { kind: 'unknown_campaign'; campaignId: string }
  /** a region this browser's principal may not read: above or beside its scope */
  | { kind: 'outside_scope'; region: string }
  /** the server refused, for a reason the wall does not word more precisely */
  | { kind: 'refused' }

/**
 * The server's refusal of a view (HTTP problem or socket ack `code`; null when it came without
 * one) as a problem of the URL, or null when it is no fault of the URL (the server's database
 * away, a fault of its own) and asking again may help. `today`, the command centre's day if
 * known, words a range that starts after it.
 */
export function refusalProblem(code: string | null, view: { region: string; period: string }, today?: string): UrlProblem | null {
  switch (code) {
    case 'database_unavailable':
    case 'internal_error':
    case 'internal':
      return null
    case 'unknown_region':
      return { kind: 'unknown_region', region: view.region }
    // Reads are refused outside the principal's scope, and only there (docs/access.md).
    case 'forbidden':
      return { kind: 'outside_scope', region: view.region }
    case 'unknown_campaign':
    case 'invalid_period': {
      // The wall read the period before asking, so what the server has against it is one of
      // the things only the server knows: the campaign, or the day it is there.
      const reading = readPeriod(view.period, today)
      if (!reading.ok) return { kind: 'invalid_period', period: view.period, fault: reading.fault }
      return reading.spec.kind === 'campaign' ? { kind: 'unknown_campaign', campaignId: reading.spec.campaignId } : { kind: 'refused' }
    }
    default:
      return { kind: 'refused' }
  }
}
