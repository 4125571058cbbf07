// food_failures' second condition on crafted streams: one food category's failed batches
// across a city's counties fire one alert of the city (subject: the category) although no
// county reaches its own level; it holds at the threshold, clears when the failures age out
// of the 7 days, and groups only with the same category.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertList } from '../../../shared/alerts'
import type { IngestRecord } from '../../../shared/records'
import { saveAlertSettings } from '../../../server/alerts/alert-settings'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'
import { buildTestApp } from '../../support/test-app'
import { foodSampling } from '../../support/record-factory'
import { ingestAll } from '../../support/ingest-all'

/** A Friday afternoon in Chengdu (2026-11-20 15:00 local). */
const NOW = new Date('2026-11-20T07:00:00Z')
const DAY_MINUTES = 24 * 60
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)
const NO_ALERT_LOOP = { REGDECK_ALERT_INTERVAL_MS: '0' }

/** A sampling of `category` in `regionCode` on a local day, `failed` of 10 batches failed. */
const sampling = (id: string, regionCode: string, day: string, category: string, failed: number) =>
  foodSampling({ id, regionCode, occurredAt: `${day}T11:00:00+08:00`, batches: 10, failed, category })

describe.each(testDatabaseKinds())('food_failures by category on %s', (kind) => {
  let database: TestDatabase
  let app: FastifyInstance
  const db = () => app.database.db

  const ingest = (records: IngestRecord[]) => ingestAll(app, records)
  const evaluate = (now: Date) => app.alerts.evaluate(now, 'all')
  const rowsIn = (regionCodes: string[]) =>
    db().selectFrom('alerts').selectAll().where('rule', '=', 'food_failures').where('region_code', 'in', regionCodes).orderBy('region_code').orderBy('subject').execute()
  const historyOf = async (id: string) => (await db().selectFrom('alert_events').select('kind').where('alert_id', '=', id).orderBy('id').execute()).map((event) => event.kind)
  const openList = async (query: string) => {
    const response = await app.inject(`/api/v1/alerts?${query}`)
    expect(response.statusCode).toBe(200)
    return response.json<AlertList>().alerts
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    app = await buildTestApp({ ...database.env, ...NO_ALERT_LOOP })
    await saveAlertSettings(db(), 'food_failures', { fireLevel: 5, clearLevel: 3, holdMinutes: 0, minExcess: 0, groupChildren: 3 }, 'test:alerts')
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  it('fires one alert of the city per category failing across its counties while no county reaches its own level, and leaves one county\'s failures to that county', async () => {
    await ingest([
      // 乳制品: 2 + 2 + 2 across three counties of 成都市
      sampling('F-dairy-1', '510104', '2026-11-18', '乳制品', 2),
      sampling('F-dairy-2', '510105', '2026-11-18', '乳制品', 2),
      sampling('F-dairy-3', '510106', '2026-11-19', '乳制品', 2),
      // 肉制品: 3 + 2 across two others
      sampling('F-meat-1', '510108', '2026-11-17', '肉制品', 3),
      sampling('F-meat-2', '510112', '2026-11-19', '肉制品', 2),
      // 饮料: all 6 in 武侯区, which its own total raises
      sampling('F-drink-1', '510107', '2026-11-19', '饮料', 6),
      // passed batches count in the denominator, not as failures
      sampling('F-dairy-ok', '510113', '2026-11-19', '乳制品', 0),
    ])
    await evaluate(at(0))
    const rows = await rowsIn(['510100', '510104', '510105', '510106', '510107', '510108', '510112', '510113'])
    expect(rows.map((row) => [row.region_code, row.subject, row.state, row.severity])).toEqual([
      ['510100', '乳制品', 'firing', 'major'],
      ['510100', '肉制品', 'firing', 'major'],
      ['510107', '', 'firing', 'major'],
    ])
    expect(rows[0]?.figures).toEqual({ failed: 6, batches: 40, days: 7, counties: 3, threshold: 5 })
    // the county's total alert is as it was
    expect(rows[2]?.figures).toEqual({ failed: 6, batches: 10, days: 7, threshold: 5 })
    const [dairy] = await openList('region=510100&rule=food_failures')
      .then((alerts) => alerts.filter((alert) => alert.subject === '乳制品'))
    expect(dairy).toMatchObject({
      regionCode: '510100',
      link: '/wall/inspections/510100?period=7d',
      message: {
        zh: '成都市 近 7 日「乳制品」抽检不合格 6 批次（共 40 批次），分布于 3 个区县，已达阈值 5 批次',
        en: 'Chengdu: 6 of 40 "Dairy products" batches failed over 7 days across 3 counties, reaching the threshold of 5',
      },
    })
  })

  it('clears when the failures age out of the 7 days', async () => {
    // the 18th and 19th leave the window on the 26th's evaluation
    await evaluate(at(6 * DAY_MINUTES))
    const rows = await rowsIn(['510100'])
    expect(rows.map((row) => [row.subject, row.state])).toEqual([
      ['乳制品', 'resolved'],
      ['肉制品', 'resolved'],
    ])
    expect(await historyOf(rows[0]?.id ?? '')).toEqual(['raised', 'resolved'])
  })

  it('does not flap at the threshold: 5 fires, 4 and 3 (the clear level) hold it, only 2 clears it', async () => {
    await ingest([
      sampling('F-mianyang-1', '510703', '2026-11-14', '水产品', 1),
      sampling('F-mianyang-2', '510704', '2026-11-15', '水产品', 1),
      sampling('F-mianyang-3', '510704', '2026-11-16', '水产品', 1),
      sampling('F-mianyang-4', '510703', '2026-11-17', '水产品', 1),
      sampling('F-mianyang-5', '510704', '2026-11-19', '水产品', 1),
    ])
    const levels: [number, string | undefined][] = []
    const step = async (days: number) => {
      await evaluate(at(days * DAY_MINUTES))
      const [row] = await rowsIn(['510700'])
      levels.push([(row?.figures as Record<string, number> | undefined)?.failed ?? 0, row?.state])
    }
    await step(0) // 14th–20th: 5
    await step(1) // 15th–21st: 4
    await ingest([sampling('F-mianyang-6', '510705', '2026-11-21', '水产品', 1)])
    await step(1.01) // 5 again
    await step(2) // 16th–22nd: 4
    await step(3) // 17th–23rd: 3, at the clear level
    await step(4) // 18th–24th: 2, still in two counties
    expect(levels).toEqual([
      [5, 'firing'],
      [4, 'firing'],
      [5, 'firing'],
      [4, 'firing'],
      [3, 'firing'],
      [2, 'resolved'],
    ])
    const [row] = await rowsIn(['510700'])
    expect(await historyOf(row?.id ?? '')).toEqual(['raised', 'resolved'])
  })

  it('groups a category firing in three cities into one alert of the province, and never with another category', async () => {
    const spread = (category: string, city: string, [first, second]: [string, string]) => [
      sampling(`F-${city}-${category}-1`, first, '2026-11-19', category, 3),
      sampling(`F-${city}-${category}-2`, second, '2026-11-19', category, 2),
    ]
    await ingest([
      ...spread('蜂产品', '510300', ['510302', '510303']),
      ...spread('蜂产品', '510400', ['510402', '510403']),
      ...spread('蜂产品', '510500', ['510502', '510503']),
      ...spread('茶叶', '510600', ['510603', '510604']),
    ])
    await evaluate(at(DAY_MINUTES))
    const alerts = (await openList('region=510000&rule=food_failures')).filter((alert) => ['510000', '510300', '510400', '510500', '510600'].includes(alert.regionCode))
    expect(alerts.map((alert) => [alert.id.startsWith('group:') ? alert.id : alert.regionCode, alert.subject])).toEqual(
      expect.arrayContaining([
        ['group:food_failures:510000:蜂产品', '蜂产品'],
        ['510600', '茶叶'],
      ]),
    )
    expect(alerts).toHaveLength(2)
    const group = alerts.find((alert) => alert.id === 'group:food_failures:510000:蜂产品')
    expect(group?.children.map((child) => child.regionCode)).toEqual(['510300', '510400', '510500'])
    expect(group?.figures).toEqual({ regions: 3, alerts: 3 })
  })
})
