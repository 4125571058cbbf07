// The demo's money through the real ingest path on PGlite: two days of history at a fifth of the
// volume, begun with the cases then open, while a stored campaign runs. What the wall reads as
// 罚没金额 and as the campaign's fines is the money of the cases decided in those days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignProgress, RegionSummary } from '../../../shared/metrics'
import type { CaseRecord, IngestRecord } from '../../../shared/records'
import { backfill } from '../../../server/demo/backfill'
import { Campaign, type CampaignPlan } from '../../../server/demo/campaign'
import { DemoGenerator } from '../../../server/demo/generator'
import { ingestPoster } from '../../../server/demo/ingest-client'
import { storedOpenCases } from '../../../server/demo/open-cases'
import { demoRegions } from '../../../server/demo/region-weights'
import { ingestAll } from '../../support/ingest-all'
import { type TestApp, startTestApp } from '../../support/test-app'
import { getJson } from '../metrics/read-api-helpers'
import { at } from './demo-regions'

const PLAN: CampaignPlan = { id: 'CLXD-2026', startsOn: '2026-03-01', endsOn: '2026-12-31' }
const [FROM, TO] = [at('2026-06-10T00:00:00+08:00'), at('2026-06-12T00:00:00+08:00')]
const PERIOD = '2026-06-10..2026-06-11'

describe('demo fines and confiscations through ingest on PGlite', () => {
  let testApp: TestApp
  const posted: IngestRecord[] = []
  beforeAll(async () => {
    testApp = await startTestApp('pglite')
    const { app } = testApp
    // The campaign is stored, as a restarted demo server finds it; it began before the history.
    await ingestAll(app, [new Campaign(PLAN, demoRegions(app.regions)).record(app.regions.province.code)])
    const post = ingestPoster(app)
    const generator = new DemoGenerator({ regions: app.regions, seed: 31, knownCampaigns: [PLAN], openCases: 'lead-in' })
    const summary = await backfill(generator, (records) => (posted.push(...records), post(records)), { from: FROM, to: TO, speed: 0.2 })
    expect(summary.result.rejected, JSON.stringify(summary.result.errors)).toBe(0)
  }, 240_000)
  afterAll(() => testApp.close())

  const decisions = () => posted.filter((record): record is CaseRecord => record.type === 'case' && record.status === 'decided')
  const yuan = (records: readonly CaseRecord[]) => records.reduce((sum, record) => sum + (record.fineYuan ?? 0) + (record.confiscatedYuan ?? 0), 0)

  it('counts 罚没金额 as the money of the cases decided in the period', async () => {
    const decided = decisions()
    expect(decided.length).toBeGreaterThan(30)
    const summary = await getJson<RegionSummary>(testApp.app, `/api/v1/regions/510000/summary?period=${PERIOD}`)
    const fines = summary.metrics.find((metric) => metric.key === 'fines_confiscations')?.value
    expect(fines).toBeCloseTo(yuan(decided), 2)
    expect(fines! / decided.length, 'per decided case').toBeGreaterThan(2000)
  })

  it('gives the campaign the money of its decided cases', async () => {
    const decided = decisions().filter((record) => record.campaignId === PLAN.id)
    expect(decided.length).toBeGreaterThan(10)
    const progress = await getJson<CampaignProgress>(testApp.app, `/api/v1/campaigns/${PLAN.id}/progress`)
    expect(progress.totals.actuals.finesYuan).toBeCloseTo(yuan(decided), 2)
    expect(progress.totals.actuals.finesYuan / decided.length, 'per decided campaign case').toBeGreaterThan(2000)
  })

  it('has a restarted demo take the stored open cases to their decisions, with their money', { timeout: 120_000 }, async () => {
    const { app } = testApp
    const lastOf = new Map(posted.flatMap((record) => (record.type === 'case' ? [[record.id, record.status] as const] : [])))
    const open = await storedOpenCases(app.database.db)
    expect(open.map((record) => record.id).sort()).toEqual([...lastOf].filter(([, status]) => status === 'opened').map(([id]) => id).sort())
    const restarted = new DemoGenerator({ regions: app.regions, seed: 32, knownCampaigns: [PLAN], openCases: open })
    // A trace of new volume: what comes out is the open cases' later steps.
    const later = restarted.generate(TO, TO + 160 * 86_400_000, 0.0001).filter((record): record is CaseRecord => record.type === 'case')
    await ingestAll(app, later)
    const takenOn = new Set(open.map((record) => record.id))
    expect((await storedOpenCases(app.database.db)).filter((record) => takenOn.has(record.id))).toEqual([])
    const summary = await getJson<RegionSummary>(app, `/api/v1/regions/510000/summary?period=2026-06-12..2026-11-18`)
    const fines = summary.metrics.find((metric) => metric.key === 'fines_confiscations')?.value
    expect(fines).toBeCloseTo(yuan(later.filter((record) => record.status === 'decided')), 2)
    expect(fines! / open.length, 'per case taken on').toBeGreaterThan(2000)
  })
})
