import { describe, expect, it } from 'vitest'
import type { ComplaintRecord } from '../../../shared/records'
import { openClockRowsOf } from '../../../server/clocks/open-clocks-repository'
import { CLOCK_COUNTERS, CLOCK_NAMES, clocksOf } from '../../../server/clocks/statutory-clocks'
import { localDateOf } from '../../../server/time/zoned-time'

const zone = 'Asia/Shanghai'
const complaint: ComplaintRecord = {
  type: 'complaint',
  id: 'C-1',
  regionCode: '510104',
  receivedAt: '2026-09-28T10:00:00+08:00',
  channel: 'hotline',
  category: 'quality',
  status: 'accepted',
  statusAt: '2026-09-29T10:00:00+08:00',
}
const history = [
  { status: 'received', statusAt: new Date('2026-09-28T10:00:00+08:00') },
  { status: 'accepted', statusAt: new Date('2026-09-29T10:00:00+08:00') },
]

describe('statutory clocks', () => {
  it('runs a complaint\'s acceptance clock from receipt, met at its decision, and its closure clock from acceptance', () => {
    const [acceptance, closure] = clocksOf(complaint, history, zone)
    expect(acceptance).toMatchObject({ clock: 'complaint_acceptance', startsAt: new Date(complaint.receivedAt), doneAt: new Date(complaint.statusAt) })
    expect(localDateOf(acceptance?.dueAt as Date, zone)).toBe('2026-10-13')
    expect(closure).toMatchObject({ clock: 'complaint_closure', startsAt: new Date(complaint.statusAt), doneAt: null })
  })

  it('stores the running clocks only, named by what runs them', () => {
    const clocks = clocksOf(complaint, history, zone)
    const closure = clocks[1]
    expect(openClockRowsOf(complaint, clocks)).toEqual([
      { record_type: 'complaint', record_id: 'C-1', clock: 'complaint_closure', region_code: '510104', starts_at: closure?.startsAt, due_at: closure?.dueAt },
    ])
  })

  it('names the counters of every kind of clock as the stored counters are named', () => {
    for (const clock of CLOCK_NAMES) {
      expect(CLOCK_COUNTERS[clock]).toEqual({ due: `clock.${clock}.due`, onTime: `clock.${clock}.on_time`, overdueOpen: `clock.${clock}.overdue_open` })
    }
  })
})
