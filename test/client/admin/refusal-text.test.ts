import { describe, expect, it } from 'vitest'
import { adminMessages } from '../../../client/src/admin/admin-messages'
import { type RefusalContext, adminRefusal } from '../../../client/src/admin/refusal-text'
import { HttpError, NetworkError } from '../../../client/src/http/json'

const CREATE: RefusalContext = { username: 'zhouqiang', region: '510700', scope: '510100', forbidden: 'outside_scope' }

describe('adminRefusal', () => {
  it.each([
    ['a region outside the scope', new HttpError(403, 'forbidden', 'an administrator of 510100 cannot grant…'), CREATE, 'region', '地区 510700 不在您的辖区 510100 内，无权授予', 'Region 510700 lies outside your scope 510100: you cannot grant it'],
    ['an unknown region', new HttpError(400, 'unknown_region', 'region…', null, ['body.region']), { ...CREATE, region: '519999' }, 'region', '地区代码 519999 不是本省的地区', 'Region code 519999 is not a region of this province'],
    ['a region code of the wrong form', new HttpError(400, 'invalid_request', 'body.region must match pattern', null, ['body.region']), CREATE, 'region', '地区代码须为六位数字', 'A region code is six digits'],
    ['a short password', new HttpError(400, 'invalid_request', 'the password is too short', null, ['body.password']), CREATE, 'password', '密码须为 10–256 个字符', 'A password is 10–256 characters'],
    ['a bad username', new HttpError(400, 'invalid_request', 'username…', null, ['body.username']), CREATE, 'username', expect.stringMatching(/^账号须为/), expect.stringMatching(/^A username is/)],
    ['an unknown role', new HttpError(400, 'invalid_request', 'a user is one of…', null, ['body.role']), CREATE, 'role', '请选择角色', 'Choose a role'],
    ['a taken username', new HttpError(409, 'conflict', 'taken'), CREATE, 'username', '账号 zhouqiang 已被使用', 'The username zhouqiang is taken'],
    ['disabling oneself', new HttpError(403, 'forbidden', 'cannot disable itself'), { scope: '510100', forbidden: 'own_account' as const }, null, expect.stringMatching(/^不能停用自己的账号/), expect.stringMatching(/^You cannot disable your own account/)],
    ['a missing CSRF token', new HttpError(403, 'csrf_refused', 'no token'), CREATE, null, '页面的安全令牌已失效，请刷新页面后重试', "The page's security token is no longer valid; reload the page and try again"],
    ['something outside the scope', new HttpError(404, 'not_found', 'no key…'), { scope: '510100' }, null, '该对象不存在或不在您的辖区内，请刷新列表', 'It does not exist or lies outside your scope; refresh the list'],
    ['a 400 naming no form field', new HttpError(400, 'invalid_request', 'query.limit…', null, ['query.limit']), CREATE, null, '请求内容无效', 'The request is not valid'],
    ['a fault of the server', new HttpError(500, 'internal_error', 'boom'), CREATE, null, '服务器未能完成操作，请稍后再试', 'The server could not do this; try again later'],
    ['no server at all', new NetworkError('Failed to fetch'), CREATE, null, '无法连接服务器，请稍后再试', 'Cannot reach the server; try again later'],
  ])('words %s by its code and field, never by its English detail', (_case, error, context, field, zh, en) => {
    expect(adminRefusal(error, adminMessages['zh-CN'], context)).toEqual({ field, text: zh })
    expect(adminRefusal(error, adminMessages.en, context)).toEqual({ field, text: en })
  })
})
