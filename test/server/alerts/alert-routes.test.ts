// The alert routes as each principal meets them: reads scoped to the caller's subtree, a
// duty officer's acknowledgement and snooze (which hides an alert until it runs out, then
// it comes back by itself), and the rules' thresholds, changed by the province's
// administrator alone, refused with a clear 422 when they would flap, and audited.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Alert, AlertDetail, AlertList, AlertRuleEntry, AlertRuleList } from '../../../shared/alerts'
import { addUser, logIn } from '../../support/principals'
import { enforcementCase } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000)

describe.each(testDatabaseKinds())('alert routes on %s', (kind) => {
  let testApp: TestApp
  const app = (): FastifyInstance => testApp.app
  const headers: Record<string, Record<string, string>> = {}
  let alertId = ''
  let besideId = ''

  const get = (url: string, who: string) => app().inject({ method: 'GET', url, headers: headers[who] })
  const post = (url: string, who: string, payload?: object) => app().inject({ method: 'POST', url, headers: headers[who], ...(payload === undefined ? {} : { payload }) })

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_ANONYMOUS: 'off', REGDECK_ALERT_INTERVAL_MS: '0' })
    const people = [
      ['duty', 'duty_officer', '510100'],
      ['leader', 'leader', '510100'],
      ['county', 'region_officer', '510104'],
      ['admin', 'admin', '510000'],
      ['city-admin', 'admin', '510100'],
    ] as const
    for (const [name, role, region] of people) {
      await addUser(app(), `alerts-${name}`, role, region)
      headers[name] = await logIn(app(), `alerts-${name}`)
    }
    const major = (id: string, regionCode: string) => enforcementCase({ id, regionCode, major: true, openedAt: '2026-11-10T10:00:00+08:00', statusAt: '2026-11-10T10:00:00+08:00' })
    await app().ingest.ingest([major('K-routes-1', '510104'), major('K-routes-2', '510700')], { partial: false })
    await app().alerts.evaluate(new Date(), 'all')
    const ids = await app().database.db.selectFrom('alerts').select(['id', 'region_code']).where('rule', '=', 'major_case').execute()
    alertId = ids.find((row) => row.region_code === '510104')?.id ?? ''
    besideId = ids.find((row) => row.region_code === '510700')?.id ?? ''
  })
  afterAll(() => testApp.close())

  it("lists the caller's subtree by default, and refuses a region outside it", async () => {
    const county = await get('/api/v1/alerts', 'county')
    expect(county.json<AlertList>()).toMatchObject({ regionCode: '510104', alerts: [{ id: alertId, regionCode: '510104' }] })
    expect((await get('/api/v1/alerts', 'leader')).json<AlertList>().alerts.map((alert) => alert.id)).toEqual([alertId])
    expect((await get('/api/v1/alerts?region=510000', 'county')).statusCode).toBe(403)
    expect((await get('/api/v1/alerts?region=510700', 'leader')).statusCode).toBe(403)
    expect((await get('/api/v1/alerts', 'admin')).statusCode).toBe(403)
    expect((await get(`/api/v1/alerts/${besideId}`, 'leader')).statusCode).toBe(404)
    expect((await get(`/api/v1/alerts/${alertId}`, 'county')).json<AlertDetail>().history.map((event) => event.kind)).toEqual(['raised'])
  })

  it('lets a duty officer acknowledge an alert of its scope, with who and when', async () => {
    expect((await post(`/api/v1/alerts/${alertId}/acknowledge`, 'leader')).statusCode).toBe(403)
    expect((await post(`/api/v1/alerts/${besideId}/acknowledge`, 'duty')).statusCode).toBe(404)
    // without the CSRF header, a cookie changes nothing
    const { 'x-csrf-token': _csrf, ...cookieOnly } = headers.duty ?? {}
    expect((await app().inject({ method: 'POST', url: `/api/v1/alerts/${alertId}/acknowledge`, headers: cookieOnly })).statusCode).toBe(403)
    expect((await get(`/api/v1/alerts/${alertId}`, 'duty')).json<Alert>().acknowledgedBy).toBeNull()
    const acknowledged = await post(`/api/v1/alerts/${alertId}/acknowledge`, 'duty')
    expect(acknowledged.statusCode).toBe(200)
    expect(acknowledged.json<Alert>()).toMatchObject({ acknowledgedBy: 'alerts-duty', acknowledgedAt: expect.any(String) })
  })

  it('hides a snoozed alert from the open list until its time is up, when it comes back by itself', async () => {
    expect((await post(`/api/v1/alerts/${alertId}/snooze`, 'duty', { minutes: 1, reason: 'x' })).statusCode).toBe(400)
    const snoozed = await post(`/api/v1/alerts/${alertId}/snooze`, 'duty', { minutes: 30, reason: '已电话督促，半小时后复查' })
    expect(snoozed.statusCode).toBe(200)
    expect(snoozed.json<Alert>()).toMatchObject({ state: 'firing', snoozeReason: '已电话督促，半小时后复查', snoozedUntil: expect.any(String) })
    expect((await get('/api/v1/alerts', 'duty')).json<AlertList>().alerts).toEqual([])
    expect((await get('/api/v1/alerts?state=firing', 'duty')).json<AlertList>().alerts.map((alert) => alert.id)).toEqual([alertId])

    const changed = await app().alerts.evaluate(minutesFromNow(31), 'all')
    expect(changed).toContain('510104')
    const back = (await get('/api/v1/alerts', 'duty')).json<AlertList>().alerts
    expect(back.map((alert) => [alert.id, alert.snoozedUntil])).toEqual([[alertId, null]])
    const history = (await get(`/api/v1/alerts/${alertId}`, 'duty')).json<AlertDetail>().history
    expect(history.map((event) => [event.kind, event.actor])).toEqual([
      ['raised', null],
      ['acknowledged', 'alerts-duty'],
      ['snoozed', 'alerts-duty'],
      ['unsnoozed', null],
    ])
  })

  it('refuses to snooze or acknowledge a resolved alert', async () => {
    await app().ingest.ingest([enforcementCase({ id: 'K-routes-1', regionCode: '510104', major: true, openedAt: '2026-11-10T10:00:00+08:00', status: 'closed', statusAt: '2026-11-19T10:00:00+08:00' })], { partial: false })
    await app().alerts.evaluate(new Date(), 'all')
    expect((await post(`/api/v1/alerts/${alertId}/acknowledge`, 'duty')).statusCode).toBe(409)
    expect((await post(`/api/v1/alerts/${alertId}/snooze`, 'duty', { minutes: 30, reason: '复查' })).statusCode).toBe(409)
    expect((await get('/api/v1/alerts?state=resolved', 'duty')).json<AlertList>().alerts.map((alert) => alert.id)).toEqual([alertId])
  })

  it("lets the province's administrator change a rule's thresholds, refusing levels that would flap, and audits it", async () => {
    const rules = (await get('/api/v1/alert-rules', 'leader')).json<AlertRuleList>().rules
    expect(rules.map((rule) => rule.rule)).toEqual(['overdue_backlog', 'complaint_spike', 'campaign_lagging', 'food_failures', 'major_case', 'hazard_unfixed'])
    expect(rules[0]).toMatchObject({ settings: rules[0]?.defaults, updatedAt: null })
    const settings = { fireLevel: 40, clearLevel: 25, holdMinutes: 20, minExcess: 0, groupChildren: 4 }
    const put = (who: string, payload: object) => app().inject({ method: 'PUT', url: '/api/v1/alert-rules/overdue_backlog', headers: headers[who], payload })
    expect((await put('leader', settings)).statusCode).toBe(403)
    expect((await put('city-admin', settings)).statusCode).toBe(403)
    const flapping = await put('admin', { ...settings, clearLevel: 40 })
    expect(flapping.statusCode).toBe(422)
    expect(flapping.json()).toMatchObject({ code: 'invalid_settings', errors: [{ field: 'body.clearLevel' }] })
    expect((await get('/api/v1/alert-rules', 'leader')).json<AlertRuleList>().rules[0]?.updatedAt).toBeNull()

    const saved = await put('admin', settings)
    expect(saved.statusCode).toBe(200)
    expect(saved.json<AlertRuleEntry>()).toMatchObject({ rule: 'overdue_backlog', settings, updatedBy: 'user:alerts-admin' })
    const audit = await app().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'alert_rule.updated').execute()
    expect(audit).toMatchObject([{ actor: 'user:alerts-admin', subject: 'overdue_backlog', detail: { after: settings } }])
  })
})
