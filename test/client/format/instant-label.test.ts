import { describe, expect, it } from 'vitest'
import { instantLabel } from '../../../client/src/format/instant-label'
import { messages } from '../../../client/src/i18n/messages'

describe('instantLabel', () => {
  it("gives today's instants their time of day alone", () => {
    expect(instantLabel('2026-12-01T09:41:07.000+08:00', messages['zh-CN'], '2026-12-01')).toBe('09:41')
  })

  it('dates an instant of another day, in the wall\'s language', () => {
    expect(instantLabel('2026-01-14T16:21:00.000+08:00', messages['zh-CN'], '2026-12-01')).toBe('1月14日 16:21')
    expect(instantLabel('2026-01-14T16:21:00.000+08:00', messages.en, '2026-12-01')).toBe('14 Jan 16:21')
  })

  it("reads the day by the instant's own offset, and names the year when it is not this one", () => {
    expect(instantLabel('2026-11-30T23:59:00.000+08:00', messages['zh-CN'], '2026-12-01')).toBe('11月30日 23:59')
    expect(instantLabel('2025-12-31T08:00:00.000+08:00', messages['zh-CN'], '2026-01-01')).toBe('2025年12月31日 08:00')
  })

  it("dates every instant before the server's clock is known, rather than pass one off as today's", () => {
    expect(instantLabel('2026-12-01T09:41:07.000+08:00', messages['zh-CN'], null)).toBe('2026年12月1日 09:41')
  })
})
