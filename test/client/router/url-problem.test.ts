import { describe, expect, it } from 'vitest'
import { refusalProblem } from '../../../client/src/router/url-problem'

const VIEW = { region: '999999', period: 'ytd' }

describe('refusalProblem', () => {
  it('names the region the server does not know', () => {
    expect(refusalProblem('unknown_region', VIEW)).toEqual({ kind: 'unknown_region', region: '999999' })
    expect(refusalProblem('forbidden', VIEW)).toEqual({ kind: 'outside_scope', region: '999999' })
  })

  it('reads a refused period again to say why: a campaign that does not exist, or a range not begun', () => {
    const campaign = { region: '510000', period: 'campaign:nosuch' }
    expect(refusalProblem('invalid_period', campaign, '2026-12-04')).toEqual({ kind: 'unknown_campaign', campaignId: 'nosuch' })
    expect(refusalProblem('unknown_campaign', campaign)).toEqual({ kind: 'unknown_campaign', campaignId: 'nosuch' })
    const future = { region: '510000', period: '2027-01-01..2027-01-31' }
    expect(refusalProblem('invalid_period', future, '2026-12-04')).toEqual({
      kind: 'invalid_period',
      period: future.period,
      fault: { kind: 'starts_after_today', range: { from: '2027-01-01', to: '2027-01-31' }, today: '2026-12-04' },
    })
    // Without the server's day, the wall does not guess.
    expect(refusalProblem('invalid_period', future)).toEqual({ kind: 'refused' })
  })

  it('words any other refusal alike, and leaves what may pass to be retried', () => {
    for (const code of ['invalid_request', 'not_found', 'invalid_payload', null]) expect(refusalProblem(code, VIEW)).toEqual({ kind: 'refused' })
    for (const code of ['database_unavailable', 'internal_error', 'internal']) expect(refusalProblem(code, VIEW)).toBeNull()
  })
})
