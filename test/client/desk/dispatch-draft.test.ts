import { describe, expect, it } from 'vitest'
import { ALERT_TASK_WORKING_DAYS, MAP_TASK_WORKING_DAYS } from '../../../shared/tasks'
import { draftForRegion, draftFromAlert } from '../../../client/src/desk/dispatch-draft'
import { openAlert } from '../../support/alert-fixture'

const alert = openAlert({
  id: 'al-1',
  rule: 'food_failures',
  regionCode: '510104',
  regionName: '锦江区',
  severity: 'critical',
  figures: { count: 3, threshold: 2 },
  message: { zh: '食品抽检不合格 3 批次', en: '3 food batches failed' },
  link: '/wall/inspections/510104',
})

describe('a task dispatched from an alert', () => {
  it('starts with the alert\'s region, its Chinese message as title, the rule\'s working days and a priority from its severity', () => {
    expect(draftFromAlert(alert)).toMatchObject({ alertId: 'al-1', region: '510104', title: '食品抽检不合格 3 批次', dueWorkingDays: ALERT_TASK_WORKING_DAYS.food_failures, priority: 'urgent' })
    expect(draftFromAlert({ ...alert, rule: 'campaign_lagging', severity: 'minor' })).toMatchObject({ dueWorkingDays: ALERT_TASK_WORKING_DAYS.campaign_lagging, priority: 'normal' })
  })

  it('from a region alone starts empty, for the officer to fill in', () => {
    expect(draftForRegion('510100')).toEqual({ region: '510100', title: '', instructions: '', dueWorkingDays: MAP_TASK_WORKING_DAYS, priority: 'normal' })
  })
})
