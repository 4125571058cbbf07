// Grouping at read time, on the province's real region tree: a rule firing in three children
// of a region lists as one alert of it; rules whose subject is what the alerts are about (a
// food category, a campaign) group only alerts of the same subject.
import { describe, expect, it } from 'vitest'
import type { Alert, AlertRule } from '../../../shared/alerts'
import { groupAlerts } from '../../../server/alerts/alert-reads'
import { DEFAULT_ALERT_SETTINGS } from '../../../server/alerts/alert-settings'
import { RegionTree, loadProvinceDivisions } from '../../../server/regions/region-tree'
import { openAlert } from '../../support/alert-fixture'

const tree = new RegionTree(loadProvinceDivisions('510000'), new Map())
const CHENGDU_COUNTIES = ['510104', '510105', '510106', '510107'] as const

function alertAt(rule: AlertRule, regionCode: string, subject: string): Alert {
  return openAlert({ id: `${rule}|${regionCode}|${subject}`, rule, regionCode, regionName: tree.require(regionCode).name, subject, link: `/wall/campaign/${regionCode}` })
}

const ids = (alerts: readonly Alert[]) => alerts.map((alert) => alert.id).sort()

describe('grouping alerts at read time', () => {
  it('lists a rule firing in three counties of a city as one alert of the city, whatever their cases', () => {
    const cases = CHENGDU_COUNTIES.slice(0, 3).map((code, index) => alertAt('major_case', code, `K-${index}`))
    const [group, ...rest] = groupAlerts(cases, tree, '510000', DEFAULT_ALERT_SETTINGS)
    expect(rest).toEqual([])
    expect(group).toMatchObject({ id: 'group:major_case:510100', regionCode: '510100', figures: { regions: 3, alerts: 3 } })
  })

  it('groups lagging regions only with those of the same campaign, and links the group to it', () => {
    const spring = CHENGDU_COUNTIES.slice(0, 3).map((code) => alertAt('campaign_lagging', code, 'spring-thunder'))
    const ironFist = alertAt('campaign_lagging', '510107', 'iron-fist')
    const alerts = groupAlerts([...spring, ironFist], tree, '510000', DEFAULT_ALERT_SETTINGS)
    expect(ids(alerts)).toEqual(['campaign_lagging|510107|iron-fist', 'group:campaign_lagging:510100:spring-thunder'])
    expect(alerts.find((alert) => alert.id.startsWith('group:'))).toMatchObject({ subject: 'spring-thunder', link: '/wall/campaign/510100?period=campaign%3Aspring-thunder' })
  })

  it('leaves three counties behind in three different campaigns as three alerts', () => {
    const alerts = CHENGDU_COUNTIES.slice(0, 3).map((code, index) => alertAt('campaign_lagging', code, `campaign-${index}`))
    expect(ids(groupAlerts(alerts, tree, '510000', DEFAULT_ALERT_SETTINGS))).toEqual(ids(alerts))
  })
})
