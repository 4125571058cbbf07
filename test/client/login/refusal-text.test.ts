import { describe, expect, it } from 'vitest'
import { HttpError, NetworkError } from '../../../client/src/http/json'
import { messages } from '../../../client/src/i18n/messages'
import { loginRefusalText } from '../../../client/src/login/refusal-text'

// 2026-12-04T08:00:00Z is 16:00:00 in the command centre (UTC+8).
const AT = { nowMs: Date.parse('2026-12-04T08:00:00Z'), utcOffsetMinutes: 480 }

describe('loginRefusalText', () => {
  it.each([
    [new HttpError(401, 'invalid_credentials', 'wrong username or password'), '账号或密码错误', 'Wrong username or password'],
    [new HttpError(403, 'account_disabled', 'the account is disabled'), '账号已停用，请联系管理员', 'This account is disabled; ask an administrator'],
    [new HttpError(423, 'account_locked', 'locked until …', 900), '密码错误次数过多，账号已锁定至 16:15:00', 'Too many wrong passwords: the account is locked until 16:15:00'],
    [new HttpError(423, 'account_locked', 'locked until …'), '密码错误次数过多，账号已锁定', 'Too many wrong passwords: the account is locked'],
    [new HttpError(429, 'too_many_requests', 'rate limited', 42), '尝试次数过多，请 42 秒后再试', 'Too many attempts; try again in 42 s'],
    [new HttpError(500, 'internal_error', 'boom'), '服务器未能完成登录，请稍后再试', 'The server could not log you in; try again later'],
    [new NetworkError('Failed to fetch'), '无法连接服务器，请稍后再试', 'Cannot reach the server; try again later'],
  ])('words %s by its code, never by its English detail', (error, zh, en) => {
    expect(loginRefusalText(error, messages['zh-CN'], AT)).toBe(zh)
    expect(loginRefusalText(error, messages.en, AT)).toBe(en)
  })
})
