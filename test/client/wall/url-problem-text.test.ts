// What a wrong URL says, in each language: in the wall's own words (never the server's English),
// naming the wrong value and what would be right.
import { describe, expect, it } from 'vitest'
import { messages } from '../../../client/src/i18n/messages'
import type { UrlProblem } from '../../../client/src/router/url-problem'
import { urlProblemText } from '../../../client/src/wall/url-problem-text'

const zh = messages['zh-CN']
const en = messages.en

describe('urlProblemText', () => {
  it.each<[UrlProblem, string, string]>([
    [{ kind: 'unknown_region', region: '999999' }, '地区代码“999999”不是四川省的地区', 'Region code "999999" is not a region of 四川省'],
    [
      { kind: 'invalid_period', period: 'garbage', fault: { kind: 'unknown' } },
      '时段“garbage”无法识别，可用：今日（today）、近7日（7d）、近30日（30d）、年度累计（ytd）、行动期（campaign:编号）、日期范围（YYYY-MM-DD..YYYY-MM-DD）',
      'Period "garbage" is not one the wall knows; use Today (today), Last 7 days (7d), Last 30 days (30d), Year to date (ytd), a campaign (campaign:<id>), a range of days (YYYY-MM-DD..YYYY-MM-DD)',
    ],
    [
      { kind: 'unknown_screen', names: ['nosuchscreen'] },
      '页面“nosuchscreen”不存在，可用：总览（overview）、专项行动（campaign）、投诉举报（complaints）、检查抽检（inspections）',
      'There is no screen "nosuchscreen"; the screens are Overview (overview), Campaign (campaign), Complaints & reports (complaints), Inspection & sampling (inspections)',
    ],
    [{ kind: 'invalid_region', region: 'abc' }, '地区代码“abc”不是六位行政区划代码', 'Region code "abc" is not a six-digit division code'],
    [{ kind: 'unknown_campaign', campaignId: 'nosuch' }, '专项行动“nosuch”不存在', 'There is no campaign "nosuch"'],
    [
      { kind: 'invalid_period', period: '2026-02-30..2026-03-01', fault: { kind: 'not_a_date', date: '2026-02-30' } },
      '时段“2026-02-30..2026-03-01”中的“2026-02-30”不是有效日期（YYYY-MM-DD）',
      'In period "2026-02-30..2026-03-01", "2026-02-30" is not a date (YYYY-MM-DD)',
    ],
    [
      { kind: 'invalid_period', period: '2022-01-01..2025-01-01', fault: { kind: 'too_long', range: { from: '2022-01-01', to: '2025-01-01' }, days: 1097 } },
      '时段“2022-01-01..2025-01-01”共 1097 天，超过 3 年',
      'Period "2022-01-01..2025-01-01" is 1097 days long, more than 3 years',
    ],
    [{ kind: 'refused' }, '服务器拒绝显示此页面的地区或时段', 'The server refused the region or period of this page'],
    [{ kind: 'outside_scope', region: '510700' }, '地区“510700”不在您的权限范围内', 'Region "510700" is outside your scope'],
  ])('%j', (problem, chinese, english) => {
    expect(urlProblemText(problem, zh, '四川省')).toBe(chinese)
    expect(urlProblemText(problem, en, '四川省')).toBe(english)
  })

  it('names the province only once it is known', () => {
    expect(urlProblemText({ kind: 'unknown_region', region: '999999' }, zh, null)).toBe('地区代码“999999”不是本省的地区')
  })

  it('cuts a pasted paragraph short', () => {
    const text = urlProblemText({ kind: 'unknown_screen', names: ['x'.repeat(500)] }, zh, null)
    expect(text).toContain(`“${'x'.repeat(39)}…”`)
    expect(text.length).toBeLessThan(150)
  })
})
