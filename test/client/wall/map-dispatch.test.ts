import { describe, expect, it } from 'vitest'
import type { AccessAnswer } from '../../../shared/session'
import { mayDispatchFromMap } from '../../../client/src/wall/map-dispatch'

const chengdu = (kind: AccessAnswer['kind'], role: string): AccessAnswer => ({ kind, role, region: '510100', name: 'x', playlist: null, demo: false })

describe('mayDispatchFromMap', () => {
  it('offers a duty officer 督办 on regions of their scope, at a wall someone sits at', () => {
    expect(mayDispatchFromMap(chengdu('user', 'duty_officer'), false, '510104')).toBe(true)
    expect(mayDispatchFromMap(chengdu('user', 'duty_officer'), false, '510100')).toBe(true)
  })

  it('offers nothing beside or above the scope', () => {
    expect(mayDispatchFromMap(chengdu('user', 'duty_officer'), false, '510703')).toBe(false)
    expect(mayDispatchFromMap(chengdu('user', 'duty_officer'), false, '510000')).toBe(false)
  })

  it('offers nothing to another role, a screen, the anonymous viewer, a kiosk, or before the wall knows who looks', () => {
    for (const role of ['leader', 'region_officer', 'admin']) expect(mayDispatchFromMap(chengdu('user', role), false, '510104')).toBe(false)
    expect(mayDispatchFromMap(chengdu('screen', 'screen'), false, '510104')).toBe(false)
    expect(mayDispatchFromMap(chengdu('anonymous', 'viewer'), false, '510104')).toBe(false)
    expect(mayDispatchFromMap(chengdu('user', 'duty_officer'), true, '510104')).toBe(false)
    expect(mayDispatchFromMap(null, false, '510104')).toBe(false)
  })
})
