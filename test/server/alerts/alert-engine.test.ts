// Each rule on a crafted record stream, evaluated at instants the test chooses: it fires
// (after its hold), stays one alert while it lasts, clears only below its clear level, and
// is never raised twice, across a retried record and a restart on the same database.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertDetail, AlertList, AlertRule, AlertRuleSettings } from '../../../shared/alerts'
import type { IngestRecord } from '../../../shared/records'
import { saveAlertSettings } from '../../../server/alerts/alert-settings'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'
import { buildTestApp } from '../../support/test-app'
import { campaign, complaint, enforcementCase, foodSampling, inspection } from '../../support/record-factory'
import { ingestAll } from '../../support/ingest-all'

/** A Friday afternoon in Chengdu; every record of the stream lies before it. */
const NOW = new Date('2026-11-20T07:00:00Z')
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)
const DAY_MINUTES = 24 * 60
const NO_ALERT_LOOP = { REGDECK_ALERT_INTERVAL_MS: '0' }

describe.each(testDatabaseKinds())('alert rules on %s', (kind) => {
  let database: TestDatabase
  let app: FastifyInstance
  const db = () => app.database.db

  const ingest = (records: IngestRecord[]) => ingestAll(app, records)
  const evaluate = (now: Date) => app.alerts.evaluate(now, 'all')
  const rowsOf = (rule: AlertRule, regionCode?: string) => {
    let query = db().selectFrom('alerts').selectAll().where('rule', '=', rule)
    if (regionCode !== undefined) query = query.where('region_code', '=', regionCode)
    return query.orderBy('region_code').execute()
  }
  const historyOf = async (id: string) => (await db().selectFrom('alert_events').select('kind').where('alert_id', '=', id).orderBy('id').execute()).map((event) => event.kind)
  const openList = async (query: string) => {
    const response = await app.inject(`/api/v1/alerts?${query}`)
    expect(response.statusCode).toBe(200)
    return response.json<AlertList>().alerts
  }
  const setRule = (rule: AlertRule, settings: Partial<AlertRuleSettings>) =>
    saveAlertSettings(db(), rule, { fireLevel: 1, clearLevel: 0.5, holdMinutes: 0, minExcess: 0, groupChildren: 3, ...settings }, 'test:alerts')

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    app = await buildTestApp({ ...database.env, ...NO_ALERT_LOOP })
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('overdue_backlog: fires once the backlog held for its hold time, and an oscillation at the threshold does not flap it', async () => {
    await setRule('overdue_backlog', { fireLevel: 3, clearLevel: 2, holdMinutes: 10 })
    // received on 2 November, never accepted: past the acceptance deadline well before NOW
    const overdue = (n: number) => complaint({ id: `C-backlog-${n}`, regionCode: '510106', receivedAt: '2026-11-02T09:30:00+08:00', statusAt: '2026-11-02T09:30:00+08:00' })
    const accepted = (n: number) => ({ ...overdue(n), status: 'accepted' as const, statusAt: '2026-11-16T09:30:00+08:00' })
    await ingest([overdue(1), overdue(2), overdue(3)])

    await evaluate(at(0))
    const [pending] = await rowsOf('overdue_backlog', '510106')
    expect(pending?.state).toBe('pending')
    expect(await openList('region=510106')).toEqual([])
    await evaluate(at(5))
    expect((await rowsOf('overdue_backlog', '510106'))[0]?.state).toBe('pending')
    await evaluate(at(11))
    const [firing] = await rowsOf('overdue_backlog', '510106')
    expect(firing).toMatchObject({ state: 'firing', figures: { overdue: 3, threshold: 3 } })
    expect((await openList('region=510106')).map((alert) => alert.message)).toEqual([
      { zh: '金牛区 超期未办结 3 件，已达阈值 3 件', en: 'Jinniu District: 3 complaints and reports past their deadline, reaching the threshold of 3' },
    ])

    // 3 → 2 (at the clear level: still firing) → 3 → 2 → 1 (below it: resolved)
    await ingest([accepted(1)])
    await evaluate(at(12))
    expect((await rowsOf('overdue_backlog', '510106'))[0]).toMatchObject({ state: 'firing', figures: { overdue: 2 } })
    await ingest([overdue(4)])
    await evaluate(at(13))
    await ingest([accepted(2)])
    await evaluate(at(14))
    expect((await rowsOf('overdue_backlog', '510106'))[0]?.state).toBe('firing')
    await ingest([accepted(3)])
    await evaluate(at(15))
    const rows = await rowsOf('overdue_backlog', '510106')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ state: 'resolved', figures: { overdue: 1 } })
    expect(await historyOf(firing?.id ?? '')).toEqual(['raised', 'resolved'])
  })

  it('overdue_backlog: a backlog that falls back before its hold ran out leaves no alert', async () => {
    const overdue = (n: number) => complaint({ id: `C-brief-${n}`, regionCode: '510107', receivedAt: '2026-11-02T09:30:00+08:00', statusAt: '2026-11-02T09:30:00+08:00' })
    await ingest([overdue(1), overdue(2), overdue(3)])
    await evaluate(at(100))
    expect((await rowsOf('overdue_backlog', '510107'))[0]?.state).toBe('pending')
    await ingest([{ ...overdue(1), status: 'accepted', statusAt: '2026-11-16T09:30:00+08:00' }])
    await evaluate(at(105))
    await ingest([overdue(5)])
    await evaluate(at(111))
    // the hold starts again from 105's drop: not firing at 111
    expect((await rowsOf('overdue_backlog', '510107'))[0]?.state).toBe('pending')
    expect(await openList('region=510107')).toEqual([])
  })

  it('complaint_spike: fires when today is far above the same weekday\'s median, however one odd week looked, and clears the next day', async () => {
    await setRule('complaint_spike', { fireLevel: 4, clearLevel: 2, holdMinutes: 15, minExcess: 10 })
    const records: IngestRecord[] = []
    // the same Friday of each of the 8 weeks before: 2 complaints, but 9 in one odd week
    for (let week = 1; week <= 8; week += 1) {
      const day = new Date(NOW.getTime() - week * 7 * DAY_MINUTES * 60_000).toISOString().slice(0, 10)
      const count = week === 3 ? 9 : 2
      for (let n = 0; n < count; n += 1) {
        const receivedAt = `${day}T10:0${n % 10}:00+08:00`
        records.push(complaint({ id: `C-spike-${week}-${n}`, regionCode: '510121', receivedAt, statusAt: receivedAt }))
      }
    }
    for (let n = 0; n < 14; n += 1) {
      const receivedAt = `2026-11-20T14:${String(n).padStart(2, '0')}:00+08:00`
      records.push(complaint({ id: `C-spike-today-${n}`, regionCode: '510121', receivedAt, statusAt: receivedAt }))
    }
    await ingest(records)
    await evaluate(at(0))
    await evaluate(at(16))
    const [spike] = await rowsOf('complaint_spike', '510121')
    // median 2, MAD 0 (the odd week moves neither), so the spread is its floor of 1: 12 over
    expect(spike).toMatchObject({ state: 'firing', figures: { today: 14, median: 2, mad: 0, score: 12 }, severity: 'major' })
    await evaluate(at(DAY_MINUTES))
    expect((await rowsOf('complaint_spike', '510121'))[0]?.state).toBe('resolved')
  })

  it('complaint_spike: a late record of an earlier week moves a baseline already read that day', async () => {
    await setRule('complaint_spike', { fireLevel: 4, clearLevel: 2, holdMinutes: 0, minExcess: 10 })
    const sameWeekday = (week: number) => new Date(NOW.getTime() - week * 7 * DAY_MINUTES * 60_000).toISOString().slice(0, 10)
    const complaintsOn = (day: string, count: number, tag: string) =>
      Array.from({ length: count }, (_, n) => {
        const receivedAt = `${day}T10:${String(n).padStart(2, '0')}:00+08:00`
        return complaint({ id: `C-late-${tag}-${n}`, regionCode: '510131', receivedAt, statusAt: receivedAt })
      })
    await ingest([...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((week) => complaintsOn(sameWeekday(week), 2, `w${week}`)), ...complaintsOn('2026-11-20', 14, 'today')])
    await evaluate(at(0))
    expect((await rowsOf('complaint_spike', '510131'))[0]).toMatchObject({ state: 'firing', figures: { today: 14, median: 2 } })
    // Five earlier Fridays turn out to have had 14 more each: the usual level was 16, not 2.
    await ingest([1, 2, 3, 4, 5].flatMap((week) => complaintsOn(sameWeekday(week), 14, `w${week}-late`)))
    await evaluate(at(1))
    expect((await rowsOf('complaint_spike', '510131'))[0]).toMatchObject({ state: 'resolved', figures: { today: 14, median: 16 } })
  })

  it('food_failures: fires at once on failed batches over 7 days and clears when they leave the window', async () => {
    await setRule('food_failures', { fireLevel: 5, clearLevel: 3, holdMinutes: 0 })
    await ingest([foodSampling({ id: 'F-fail-1', regionCode: '510104', occurredAt: '2026-11-18T11:00:00+08:00', batches: 12, failed: 6 })])
    await evaluate(at(0))
    const [failures] = await rowsOf('food_failures', '510104')
    expect(failures).toMatchObject({ state: 'firing', severity: 'major', figures: { failed: 6, batches: 12, days: 7 } })
    // Evaluated again with nothing changed: no step, and nobody is told of a change (jsonb gives
    // the stored figures back with their keys in another order).
    expect(await app.alerts.evaluate(at(1), ['510104'])).toEqual(new Set())
    await evaluate(at(7 * DAY_MINUTES))
    expect((await rowsOf('food_failures', '510104'))[0]?.state).toBe('resolved')
    expect(await historyOf(failures?.id ?? '')).toEqual(['raised', 'resolved'])
  })

  it('campaign_lagging: a region far behind the schedule fires after its hold, and clears once its work is done', async () => {
    await setRule('campaign_lagging', { fireLevel: 20, clearLevel: 10, holdMinutes: 60 })
    await ingest([campaign()])
    await evaluate(at(0))
    await evaluate(at(61))
    const lagging = await rowsOf('campaign_lagging')
    expect(lagging.map((row) => [row.region_code, row.subject, row.state])).toEqual([
      ['510104', 'spring-thunder-2026', 'firing'],
      ['510105', 'spring-thunder-2026', 'firing'],
      ['510300', 'spring-thunder-2026', 'firing'],
    ])
    // 青羊区's target is 50 inspections: all done
    await ingest(Array.from({ length: 50 }, (_, n) => inspection({ id: `I-campaign-${n}`, regionCode: '510105', kind: 'campaign', campaignId: 'spring-thunder-2026', occurredAt: '2026-11-19T10:00:00+08:00' })))
    await evaluate(at(62))
    expect((await rowsOf('campaign_lagging')).map((row) => [row.region_code, row.state])).toEqual([
      ['510104', 'firing'],
      ['510105', 'resolved'],
      ['510300', 'firing'],
    ])
    const [behind] = await openList('region=510104&rule=campaign_lagging')
    expect(behind?.link).toBe('/wall/campaign/510104?period=campaign%3Aspring-thunder-2026')
  })

  it('hazard_unfixed: a serious hazard past its fix deadline fires, and clears when it is reported fixed', async () => {
    const hazard = inspection({ id: 'I-hazard-1', regionCode: '510703', kind: 'special_equipment', domain: 'special_equipment', occurredAt: '2026-10-01T10:00:00+08:00', result: 'problems', seriousHazard: true })
    await ingest([hazard])
    await evaluate(at(0))
    const [unfixed] = await rowsOf('hazard_unfixed', '510703')
    // found 1 October, due 31 October, 20 days past at NOW
    expect(unfixed).toMatchObject({ state: 'firing', severity: 'critical', subject: 'I-hazard-1', figures: { daysPastDeadline: 20, fixDays: 30 } })
    await ingest([{ ...hazard, hazardFixedAt: '2026-11-19T16:00:00+08:00' }])
    await evaluate(at(1))
    expect((await rowsOf('hazard_unfixed', '510703'))[0]?.state).toBe('resolved')
  })

  it('major_case: fires at once, stays one alert across a retried record, and resolves when the case is decided', async () => {
    const major = enforcementCase({ id: 'K-major-1', regionCode: '510704', major: true, openedAt: '2026-11-10T10:00:00+08:00', statusAt: '2026-11-10T10:00:00+08:00' })
    await ingest([major])
    await evaluate(at(0))
    await ingest([major])
    await evaluate(at(1))
    const rows = await rowsOf('major_case', '510704')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ state: 'firing', severity: 'critical', subject: 'K-major-1', figures: { openDays: 10 } })
    const id = rows[0]?.id ?? ''
    await ingest([{ ...major, status: 'decided', statusAt: '2026-11-19T10:00:00+08:00' }])
    await evaluate(at(2))
    const detail = (await app.inject(`/api/v1/alerts/${id}`)).json<AlertDetail>()
    expect(detail).toMatchObject({ state: 'resolved', rule: 'major_case', link: '/wall/overview/510704' })
    expect(detail.history.map((event) => event.kind)).toEqual(['raised', 'resolved'])
  })

  it('evaluates nothing while a bulk load runs, and the regions it touched as soon as it ends', async () => {
    await setRule('food_failures', { fireLevel: 5, clearLevel: 3, holdMinutes: 0 })
    await app.alerts.pausedDuring(async () => {
      await ingest([foodSampling({ id: 'F-paused-1', regionCode: '510112', occurredAt: '2026-11-19T11:00:00+08:00', batches: 10, failed: 7 })])
      // the loop's two runs: the dirty regions, and every region
      expect(await app.alerts.evaluate(at(0))).toEqual(new Set())
      expect(await app.alerts.evaluate(at(0), 'all')).toEqual(new Set())
      expect(await rowsOf('food_failures', '510112')).toEqual([])
    })
    await app.alerts.evaluate(at(0))
    expect((await rowsOf('food_failures', '510112'))[0]?.state).toBe('firing')
  })

  it('groups a rule firing in three children of one region into one alert of it', async () => {
    await ingest(['510302', '510303', '510304'].map((regionCode, n) => enforcementCase({ id: `K-group-${n}`, regionCode, major: true, openedAt: '2026-11-12T10:00:00+08:00', statusAt: '2026-11-12T10:00:00+08:00' })))
    await evaluate(at(3))
    const [group, ...others] = await openList('region=510300&rule=major_case')
    expect(others).toEqual([])
    expect(group).toMatchObject({ id: 'group:major_case:510300', regionCode: '510300', severity: 'critical', figures: { regions: 3, alerts: 3 } })
    expect(group?.children.map((child) => child.regionCode)).toEqual(['510302', '510303', '510304'])
    // inside one child, the child's own alert
    expect((await openList('region=510302&rule=major_case')).map((alert) => alert.subject)).toEqual(['K-group-0'])
  })

  it('raises nothing twice after a restart on the same database', async () => {
    const before = await db().selectFrom('alert_events').select((eb) => eb.fn.countAll<string>().as('count')).where('kind', 'in', ['raised', 'reopened']).executeTakeFirstOrThrow()
    const firing = await db().selectFrom('alerts').select('id').where('state', '=', 'firing').execute()
    expect(firing.length).toBeGreaterThan(0)
    await app.close()
    app = await buildTestApp({ ...database.env, ...NO_ALERT_LOOP })
    await evaluate(at(4))
    const after = await db().selectFrom('alert_events').select((eb) => eb.fn.countAll<string>().as('count')).where('kind', 'in', ['raised', 'reopened']).executeTakeFirstOrThrow()
    expect(Number(after.count)).toBe(Number(before.count))
    expect(await db().selectFrom('alerts').select('id').where('state', '=', 'firing').execute()).toEqual(firing)
  })
})
