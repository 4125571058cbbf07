// The admin routes on both databases: only a session whose role administers gets in, only
// inside its scope, only with the CSRF header for a change; every change is audited and a
// key's or screen's token is answered once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../server/access/passwords'
import { createTokenHolder, findActiveTokenHolder } from '../../../server/access/token-holders-repository'
import { hashToken } from '../../../server/access/tokens'
import { createUser } from '../../../server/access/users-repository'
import type { UserRole } from '../../../server/access/roles'
import { CSRF_HEADER } from '../../../shared/session'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const PASSWORD = 'correct horse battery'
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
const CHENGDU = '510100'
const JINJIANG = '510104' // a county of Chengdu
const MIANYANG = '510700' // beside Chengdu
const SICHUAN = '510000' // above Chengdu
const NO_REGION = '519999'

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
interface Session {
  cookie: string
  csrfToken: string
}

describe.each(testDatabaseKinds())('admin routes on %s', (kind) => {
  let testApp: TestApp
  const db = () => testApp.app.database.db
  let addresses = 0
  const sessions = new Map<string, Session>()

  const addUser = async (username: string, role: UserRole, region: string) => {
    await createUser(db(), { username, passwordHash: await hashPassword(PASSWORD, TEST_COST), role, region }, 'test:admin-routes')
  }
  const logIn = async (username: string): Promise<Session> => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: `10.1.0.${++addresses}`, payload: { username, password: PASSWORD } })
    expect(response.statusCode).toBe(200)
    const [cookie] = response.cookies as { name: string; value: string }[]
    return { cookie: `${cookie?.name}=${cookie?.value}`, csrfToken: response.json().csrfToken }
  }
  /** A request as `username` (logged in once), with the CSRF header unless told otherwise; anonymous without a username. */
  const call = async (method: Method, url: string, options: { as?: string; payload?: object; csrf?: boolean } = {}) => {
    let headers: Record<string, string> = {}
    if (options.as !== undefined) {
      let session = sessions.get(options.as)
      if (session === undefined) sessions.set(options.as, (session = await logIn(options.as)))
      headers = { cookie: session.cookie, ...(options.csrf === false ? {} : { [CSRF_HEADER]: session.csrfToken }) }
    }
    return testApp.app.inject({ method, url, headers, ...(options.payload === undefined ? {} : { payload: options.payload }) })
  }
  const usernames = async (as: string) => ((await call('GET', '/api/v1/users', { as })).json() as { name: string }[]).map((user) => user.name)
  const newUser = (username: string, region: string, role = 'duty_officer') => ({ username, password: 'a long enough password', role, region })

  beforeAll(async () => {
    testApp = await startTestApp(kind)
    await addUser('cityadmin', 'admin', CHENGDU)
    await addUser('provadmin', 'admin', SICHUAN)
    await addUser('cityleader', 'leader', CHENGDU)
    await addUser('myleader', 'leader', MIANYANG)
  })
  afterAll(() => testApp.close())

  it('lets a city admin create a user and a key inside its scope, never answering a hash', async () => {
    const created = await call('POST', '/api/v1/users', { as: 'cityadmin', payload: newUser('wangfang', JINJIANG) })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toEqual({ id: expect.stringMatching(/^usr_/), name: 'wangfang', role: 'duty_officer', region: JINJIANG, disabled: false, created: expect.any(String), lastLogin: null })
    const key = await call('POST', '/api/v1/keys', { as: 'cityadmin', payload: { name: 'jinjiang-12315', region: JINJIANG } })
    expect(key.statusCode).toBe(201)
    expect(key.json()).toMatchObject({ key: { id: expect.stringMatching(/^key_/), name: 'jinjiang-12315', region: JINJIANG, revoked: null }, token: expect.stringMatching(/^rdk_/) })
    const users = await call('GET', '/api/v1/users', { as: 'cityadmin' })
    expect(users.statusCode).toBe(200)
    expect(users.body).not.toMatch(/scrypt|password/)
    expect(users.json()).toContainEqual(expect.objectContaining({ name: 'wangfang', region: JINJIANG }))
  })

  it('refuses a region beside or above its scope (403) and a code of no region (400 unknown_region), creating nothing', async () => {
    for (const region of [MIANYANG, SICHUAN]) {
      const user = await call('POST', '/api/v1/users', { as: 'cityadmin', payload: newUser(`outside-${region}`, region) })
      expect([user.statusCode, user.json().code]).toEqual([403, 'forbidden'])
      const key = await call('POST', '/api/v1/keys', { as: 'cityadmin', payload: { name: `outside-${region}`, region } })
      expect([key.statusCode, key.json().code]).toEqual([403, 'forbidden'])
      const screen = await call('POST', '/api/v1/screens', { as: 'cityadmin', payload: { name: `outside-${region}`, region } })
      expect([screen.statusCode, screen.json().code]).toEqual([403, 'forbidden'])
    }
    const unknown = await call('POST', '/api/v1/users', { as: 'cityadmin', payload: newUser('nowhere', NO_REGION) })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ code: 'unknown_region', errors: [{ field: 'body.region' }] })
    const made = await db().selectFrom('users').select('username').where('username', 'like', 'outside-%').execute()
    expect([...made, ...(await usernames('provadmin')).filter((name) => name === 'nowhere')]).toEqual([])
    expect(await db().selectFrom('api_keys').select('id').where('name', 'like', 'outside-%').execute()).toEqual([])
  })

  it('lists only the users inside the admin\'s scope; a province admin sees them all', async () => {
    const seen = await usernames('cityadmin')
    expect(seen).toEqual(expect.arrayContaining(['cityadmin', 'cityleader']))
    expect(seen).not.toContain('myleader')
    expect(seen).not.toContain('provadmin')
    expect(await usernames('provadmin')).toEqual(expect.arrayContaining(['cityadmin', 'cityleader', 'myleader', 'provadmin']))
  })

  it('cannot grant beyond its scope, to itself or anyone, lock itself out, nor touch a user outside it', async () => {
    const raiseSelf = await call('PATCH', '/api/v1/users/cityadmin', { as: 'cityadmin', payload: { region: SICHUAN } })
    expect([raiseSelf.statusCode, raiseSelf.json().code]).toEqual([403, 'forbidden'])
    for (const payload of [{ disabled: true }, { role: 'leader' }]) {
      const lockSelfOut = await call('PATCH', '/api/v1/users/cityadmin', { as: 'cityadmin', payload })
      expect([lockSelfOut.statusCode, lockSelfOut.json().code]).toEqual([403, 'forbidden'])
    }
    const moveAway = await call('PATCH', '/api/v1/users/cityleader', { as: 'cityadmin', payload: { role: 'admin', region: MIANYANG } })
    expect([moveAway.statusCode, moveAway.json().code]).toEqual([403, 'forbidden'])
    const outside = await call('PATCH', '/api/v1/users/myleader', { as: 'cityadmin', payload: { disabled: true } })
    expect([outside.statusCode, outside.json().code]).toEqual([404, 'not_found'])
    const rows = await db().selectFrom('users').select(['username', 'role', 'region_code', 'disabled']).where('username', 'in', ['cityadmin', 'cityleader', 'myleader']).orderBy('username').execute()
    expect(rows).toEqual([
      { username: 'cityadmin', role: 'admin', region_code: CHENGDU, disabled: false },
      { username: 'cityleader', role: 'leader', region_code: CHENGDU, disabled: false },
      { username: 'myleader', role: 'leader', region_code: MIANYANG, disabled: false },
    ])
  })

  it('changes a user inside its scope, and a new password ends that user\'s sessions', async () => {
    await addUser('zhaolei', 'region_officer', CHENGDU)
    const before = await logIn('zhaolei')
    const changed = await call('PATCH', '/api/v1/users/zhaolei', { as: 'cityadmin', payload: { region: JINJIANG, password: 'another long password' } })
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ name: 'zhaolei', role: 'region_officer', region: JINJIANG })
    const session = await testApp.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: before.cookie } })
    expect(session.statusCode).toBe(401)
    const audit = await db().selectFrom('audit_log').select(['actor', 'action', 'detail']).where('subject', '=', 'zhaolei').where('action', '=', 'user.updated').execute()
    expect(audit).toEqual([{ actor: 'user:cityadmin', action: 'user.updated', detail: { region: JINJIANG, passwordChanged: true } }])
  })

  it('refuses a leader (403 forbidden) and no session (401) on every admin route', async () => {
    const routes: [Method, string, object?][] = [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', newUser('byleader', JINJIANG)],
      ['PATCH', '/api/v1/users/cityleader', { disabled: true }],
      ['GET', '/api/v1/keys'],
      ['POST', '/api/v1/keys', { name: 'byleader', region: JINJIANG }],
      ['DELETE', '/api/v1/keys/key_0000000000000000'],
      ['GET', '/api/v1/screens'],
      ['POST', '/api/v1/screens', { name: 'byleader', region: JINJIANG }],
      ['DELETE', '/api/v1/screens/scr_0000000000000000'],
      ['GET', '/api/v1/audit'],
    ]
    for (const [method, url, payload] of routes) {
      const leader = await call(method, url, { as: 'cityleader', ...(payload === undefined ? {} : { payload }) })
      expect([method, url, leader.statusCode, leader.json().code]).toEqual([method, url, 403, 'forbidden'])
      const anonymous = await call(method, url, payload === undefined ? {} : { payload })
      expect([method, url, anonymous.statusCode, anonymous.json().code]).toEqual([method, url, 401, 'unauthenticated'])
    }
    expect(await usernames('provadmin')).not.toContain('byleader')
  })

  it('refuses a change without the CSRF header (403 csrf_refused), changing nothing', async () => {
    const user = await call('POST', '/api/v1/users', { as: 'cityadmin', csrf: false, payload: newUser('forged', JINJIANG) })
    expect([user.statusCode, user.json().code]).toEqual([403, 'csrf_refused'])
    const key = await call('POST', '/api/v1/keys', { as: 'cityadmin', csrf: false, payload: { name: 'forged', region: JINJIANG } })
    expect([key.statusCode, key.json().code]).toEqual([403, 'csrf_refused'])
    expect(await usernames('cityadmin')).not.toContain('forged')
    expect(await db().selectFrom('api_keys').select('id').where('name', '=', 'forged').execute()).toEqual([])
  })

  it('revokes a key in its scope: listed as revoked, its token dead; a key outside the scope is not its to revoke', async () => {
    const created = (await call('POST', '/api/v1/keys', { as: 'cityadmin', payload: { name: 'to-revoke', region: CHENGDU } })).json()
    const outside = await createTokenHolder(db(), { kind: 'key', name: 'mianyang-12315', region: MIANYANG }, 'test:admin-routes')
    expect((await call('DELETE', `/api/v1/keys/${created.key.id}`, { as: 'cityadmin' })).statusCode).toBe(204)
    expect((await call('DELETE', `/api/v1/keys/${created.key.id}`, { as: 'cityadmin' })).statusCode).toBe(204)
    const refused = await call('DELETE', `/api/v1/keys/${outside.id}`, { as: 'cityadmin' })
    expect([refused.statusCode, refused.json().code]).toEqual([404, 'not_found'])
    const keys = (await call('GET', '/api/v1/keys', { as: 'cityadmin' })).json() as { id: string; revoked: string | null }[]
    expect(keys.find((key) => key.id === created.key.id)?.revoked).toEqual(expect.any(String))
    expect(keys.filter((key) => key.revoked === null).map((key) => key.id)).not.toContain(created.key.id)
    expect(keys.map((key) => key.id)).not.toContain(outside.id)
    expect(await findActiveTokenHolder(db(), 'key', hashToken(created.token))).toBeUndefined()
    expect(await findActiveTokenHolder(db(), 'key', hashToken(outside.token))).toMatchObject({ id: outside.id })
  })

  it('answers a screen token once, with its wall URL; no list or audit entry holds it afterwards', async () => {
    const created = await call('POST', '/api/v1/screens', { as: 'cityadmin', payload: { name: 'lobby', region: JINJIANG, playlist: ['overview', 'campaign'] } })
    expect(created.statusCode).toBe(201)
    const { screen, token, wallUrl } = created.json()
    expect(token).toMatch(/^rds_/)
    // inject() sends Host: localhost:80; the URL is on the host the admin reached.
    expect(wallUrl).toBe(`http://localhost:80/wall?playlist=overview,campaign&regions=${JINJIANG}&screen=${token}`)
    const later = [await call('GET', '/api/v1/screens', { as: 'cityadmin' }), await call('GET', '/api/v1/audit', { as: 'provadmin' })]
    for (const response of later) {
      expect(response.statusCode).toBe(200)
      expect(response.body).toContain(screen.id)
      expect(response.body).not.toContain(token)
    }
    const unknownScreen = await call('POST', '/api/v1/screens', { as: 'cityadmin', payload: { name: 'odd', region: JINJIANG, playlist: ['nothing'] } })
    expect([unknownScreen.statusCode, unknownScreen.json().errors]).toEqual([400, [{ field: 'body.playlist', message: expect.stringContaining('nothing') }]])
  })

  it('audits every change, newest first, in pages; a city admin reads only entries about its scope', async () => {
    const mine = (await call('GET', '/api/v1/audit', { as: 'cityadmin' })).json() as { entries: { id: number; actor: string; action: string; subject: string }[] }
    expect(mine.entries).toContainEqual(expect.objectContaining({ actor: 'user:cityadmin', action: 'user.created', subject: 'wangfang' }))
    expect(mine.entries).toContainEqual(expect.objectContaining({ actor: 'user:cityadmin', action: 'key.revoked' }))
    expect(mine.entries.map((entry) => entry.subject)).not.toContain('myleader')
    expect(mine.entries.filter((entry) => entry.action === 'key.created').every((entry) => entry.actor === 'user:cityadmin')).toBe(true)
    const ids = mine.entries.map((entry) => entry.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    const all = (await call('GET', '/api/v1/audit', { as: 'provadmin' })).json() as { entries: { subject: string }[] }
    expect(all.entries.map((entry) => entry.subject)).toContain('myleader')

    const first = (await call('GET', '/api/v1/audit?limit=2', { as: 'provadmin' })).json() as { entries: { id: number }[]; nextBefore: number }
    expect(first.entries).toHaveLength(2)
    expect(first.nextBefore).toBe(first.entries[1]?.id)
    const second = (await call('GET', `/api/v1/audit?limit=2&before=${first.nextBefore}`, { as: 'provadmin' })).json() as { entries: { id: number }[] }
    expect(second.entries[0]?.id).toBeLessThan(first.nextBefore)
  })
})
