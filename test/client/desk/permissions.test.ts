import { describe, expect, it } from 'vitest'
import { mayDispatch } from '../../../client/src/access/dispatchers'
import { alertActions, stepNeeds, taskActions } from '../../../client/src/desk/permissions'
import { taskOf } from './task-fixture'

describe('the buttons a role sees', () => {
  it('gives the alert actions and dispatch to the duty officer only', () => {
    expect(alertActions('duty_officer')).toEqual(['acknowledge', 'snooze', 'dispatch'])
    for (const role of ['leader', 'region_officer', 'admin', 'screen']) {
      expect(alertActions(role), role).toEqual([])
      expect(mayDispatch(role), role).toBe(false)
    }
    expect(mayDispatch('duty_officer')).toBe(true)
  })

  it('lets the duty officer close or return an answered task, reassign a rejected one, approve an extension, remind', () => {
    expect(taskActions('duty_officer', taskOf({ id: 't', state: 'answered' }))).toEqual(['close', 'return'])
    expect(taskActions('duty_officer', taskOf({ id: 't', state: 'rejected' }))).toEqual(['reassign'])
    expect(taskActions('duty_officer', taskOf({ id: 't', state: 'assigned' }))).toEqual(['remind'])
    expect(taskActions('duty_officer', taskOf({ id: 't', state: 'acknowledged', extensionRequestedUntil: '2026-12-10T23:59:59+08:00' }))).toEqual(['approve_extension', 'remind'])
  })

  it('lets the region officer acknowledge or reject a new task, and feed back or ask for time on one it took', () => {
    expect(taskActions('region_officer', taskOf({ id: 't', state: 'assigned' }))).toEqual(['acknowledge', 'reject'])
    expect(taskActions('region_officer', taskOf({ id: 't', state: 'acknowledged' }))).toEqual(['feedback', 'request_extension', 'reject'])
    expect(taskActions('region_officer', taskOf({ id: 't', state: 'returned' }))).toEqual(['feedback', 'request_extension', 'reject'])
    // One extension asked at a time.
    expect(taskActions('region_officer', taskOf({ id: 't', state: 'acknowledged', extensionRequestedUntil: '2026-12-10T23:59:59+08:00' }))).toEqual(['feedback', 'reject'])
    expect(taskActions('region_officer', taskOf({ id: 't', state: 'answered' }))).toEqual([])
  })

  it('shows a leader and anyone on a closed task nothing to press', () => {
    for (const state of ['assigned', 'acknowledged', 'answered', 'rejected'] as const) expect(taskActions('leader', taskOf({ id: 't', state }))).toEqual([])
    for (const role of ['duty_officer', 'region_officer']) expect(taskActions(role, taskOf({ id: 't', state: 'closed' }))).toEqual([])
  })

  it('asks a reason of a rejection, a return and a feedback, and a date of an extension', () => {
    expect(stepNeeds('reject').text).toBe('required')
    expect(stepNeeds('return').text).toBe('required')
    expect(stepNeeds('feedback').text).toBe('required')
    expect(stepNeeds('request_extension')).toEqual({ text: 'required', region: false, until: true })
    expect(stepNeeds('reassign').region).toBe(true)
    expect(stepNeeds('acknowledge').text).toBe('none')
  })
})
