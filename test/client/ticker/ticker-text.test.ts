import { describe, expect, it } from 'vitest'
import type { TickerItem } from '../../../shared/ticker'
import { messages } from '../../../client/src/i18n/messages'
import { tickerLine } from '../../../client/src/ticker/ticker-text'

const asGiven = (_code: string, chinese: string) => chinese

const base: TickerItem = {
  type: 'complaint', id: 'C-1', regionCode: '510104', regionName: '锦江区', at: '2026-12-01T09:41:07.000+08:00', status: 'received', alert: null,
  category: 'food_safety', channel: 'hotline', domain: null, entityName: '某某餐馆', amountYuan: null, failedBatches: null, batches: null,
}

describe('tickerLine', () => {
  it("reads a complaint as the wall shows it, in the command centre's time", () => {
    expect(tickerLine(base, messages['zh-CN'], asGiven, '2026-12-01')).toEqual({ time: '09:41', region: '锦江区', headline: '投诉', details: ['食品安全', '12315热线', '某某餐馆'], alert: false })
    expect(tickerLine(base, messages.en, asGiven, '2026-12-01').details).toEqual(['Food safety', '12315 hotline', '某某餐馆'])
  })

  it("dates an item of another day, so a history's weeks-old items do not read as today's", () => {
    expect(tickerLine({ ...base, at: '2026-01-14T16:21:00.000+08:00' }, messages['zh-CN'], asGiven, '2026-12-01').time).toBe('1月14日 16:21')
  })

  it('names the alert a record raises', () => {
    const failed: TickerItem = { ...base, type: 'food_sampling', alert: 'food_failed', category: '粮食加工品', channel: null, entityName: null, failedBatches: 2, batches: 12 }
    expect(tickerLine(failed, messages['zh-CN'], asGiven, '2026-12-01')).toMatchObject({ headline: '抽检不合格', details: ['粮食加工品', '2/12 批次不合格'], alert: true })
    expect(tickerLine(failed, messages.en, asGiven, '2026-12-01').details[0]).toBe('Grain products')
    expect(tickerLine({ ...failed, category: '地方特色食品' }, messages.en, asGiven, '2026-12-01').details[0]).toBe('地方特色食品')
    const major: TickerItem = { ...base, type: 'case', alert: 'major_case', category: null, channel: null, domain: 'food', entityName: null }
    expect(tickerLine(major, messages['zh-CN'], asGiven, '2026-12-01')).toMatchObject({ headline: '挂牌督办', details: ['食品'] })
  })

  it('shows a category the source invented as the source sent it', () => {
    expect(tickerLine({ ...base, category: 'prepaid_card', channel: null, entityName: null }, messages['zh-CN'], asGiven, '2026-12-01').details).toEqual(['prepaid_card'])
  })
})
