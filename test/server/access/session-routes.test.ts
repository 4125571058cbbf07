// Logging in and out over HTTP on both databases: the cookie's flags over HTTP and HTTPS, a
// new session per login, lifetimes, the CSRF header, lockout, the rate limit, and the audit log.
import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_FAILED_LOGINS } from '../../../server/access/login'
import { hashPassword } from '../../../server/access/passwords'
import { hashToken } from '../../../server/access/tokens'
import { createUser } from '../../../server/access/users-repository'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'

const PASSWORD = 'correct horse battery'
// Cheap to check: these tests log in often, and a hash carries its own cost.
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
const TRUSTED_PROXY = '127.0.0.1'

describe.each(testDatabaseKinds())('session routes on %s', (kind) => {
  let testApp: TestApp
  const db = () => testApp.app.database.db
  // Each test logs in from its own address, so the login rate limit of one does not reach another.
  let addresses = 0
  const newAddress = () => `10.0.${Math.floor(++addresses / 250)}.${addresses % 250}`

  const addUser = async (username: string, changes: { disabled?: boolean } = {}) => {
    await createUser(db(), { username, passwordHash: await hashPassword(PASSWORD, TEST_COST), role: 'duty_officer', region: '510100' }, 'test:session')
    if (changes.disabled) await db().updateTable('users').set({ disabled: true }).where('username', '=', username).execute()
  }
  const logIn = (username: string, password: string, options: { remoteAddress?: string; cookie?: string; headers?: Record<string, string> } = {}) =>
    testApp.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: options.remoteAddress ?? newAddress(),
      headers: { ...options.headers, ...(options.cookie === undefined ? {} : { cookie: options.cookie }) },
      payload: { username, password },
    })
  const cookieOf = (response: LightMyRequestResponse) => {
    const [cookie] = response.cookies as { name: string; value: string }[]
    if (cookie === undefined) throw new Error(`no cookie set: ${response.statusCode} ${response.body}`)
    return `${cookie.name}=${cookie.value}`
  }
  const getSession = (cookie?: string, headers: Record<string, string> = {}) =>
    testApp.app.inject({ method: 'GET', url: '/api/v1/session', headers: { ...headers, ...(cookie === undefined ? {} : { cookie }) } })
  const auditOf = (username: string) =>
    db().selectFrom('audit_log').select(['actor', 'action', 'detail']).where('subject', '=', username).where('action', '!=', 'user.created').orderBy('id').execute()

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_TRUST_PROXY: TRUSTED_PROXY })
  })
  afterAll(() => testApp.close())

  it('logs in over HTTP with an HttpOnly, SameSite=Lax cookie under the plain name, without Secure', async () => {
    await addUser('liwei')
    const response = await logIn('liwei', PASSWORD)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toEqual({ user: { username: 'liwei', role: 'duty_officer', region: '510100' }, csrfToken: expect.stringMatching(/^[\w-]{43}$/) })
    expect(response.cookies).toEqual([
      { name: 'regdeck_session', value: expect.stringMatching(/^[\w-]{43}$/), path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 7 * 24 * 3600 },
    ])
    expect(String(response.headers['set-cookie'])).not.toMatch(/secure/i)
  })

  it('over HTTPS (a trusted proxy says so) names the cookie __Host- and marks it Secure, and reads only that name', async () => {
    await addUser('zhaomin')
    const https = { 'x-forwarded-proto': 'https' }
    const response = await logIn('zhaomin', PASSWORD, { remoteAddress: TRUSTED_PROXY, headers: { ...https, 'x-forwarded-for': newAddress() } })
    expect(response.statusCode).toBe(200)
    const [cookie] = response.cookies as Record<string, unknown>[]
    expect(cookie).toMatchObject({ name: '__Host-regdeck_session', path: '/', httpOnly: true, sameSite: 'Lax', secure: true })
    expect(cookie).not.toHaveProperty('domain')
    expect((await getSession(cookieOf(response), https)).statusCode).toBe(200)
    // The same id under the plain name: over HTTPS it could have been planted, so it is not read.
    expect((await getSession(`regdeck_session=${String(cookie?.value)}`, https)).statusCode).toBe(401)
  })

  it('believes X-Forwarded-Proto only from the configured proxy', async () => {
    const response = await logIn('liwei', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } })
    expect(response.statusCode).toBe(200)
    expect((response.cookies as { name: string; secure?: boolean }[])[0]).toMatchObject({ name: 'regdeck_session' })
    expect(String(response.headers['set-cookie'])).not.toMatch(/secure/i)
  })

  it('gives every login a new session id, ends the browser\'s previous session, and stores only hashes', async () => {
    const first = cookieOf(await logIn('liwei', PASSWORD))
    const second = cookieOf(await logIn('liwei', PASSWORD, { cookie: first }))
    expect(second).not.toBe(first)
    expect((await getSession(first)).statusCode).toBe(401)
    expect((await getSession(second)).statusCode).toBe(200)
    const sessionId = second.split('=')[1]!
    const stored = await db().selectFrom('sessions').select('id_hash').execute()
    expect(stored.map((row) => row.id_hash)).toContain(hashToken(sessionId))
    expect(JSON.stringify(stored)).not.toContain(sessionId)
  })

  it('answers GET with the user and the CSRF token for a session, and 401 without one', async () => {
    const login = await logIn('liwei', PASSWORD)
    const response = await getSession(cookieOf(login))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(login.json())
    for (const cookie of [undefined, 'regdeck_session=nonsense', 'regdeck_session=']) {
      const refused = await getSession(cookie)
      expect(refused.statusCode, cookie).toBe(401)
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(refused.json().code).toBe('unauthenticated')
    }
  })

  it('ends a session idle for a duty shift, past its lifetime, or of a user disabled since', async () => {
    const expire = {
      idle: () => db().updateTable('sessions').set({ last_seen_at: sql<Date>`now() - interval '12 hours 1 minute'` }),
      old: () => db().updateTable('sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }),
    }
    for (const [how, change] of Object.entries(expire)) {
      const cookie = cookieOf(await logIn('liwei', PASSWORD))
      await change().where('id_hash', '=', hashToken(cookie.split('=')[1]!)).execute()
      expect((await getSession(cookie)).statusCode, how).toBe(401)
    }
    await addUser('sunli')
    const cookie = cookieOf(await logIn('sunli', PASSWORD))
    await db().updateTable('users').set({ disabled: true }).where('username', '=', 'sunli').execute()
    expect((await getSession(cookie)).statusCode).toBe(401)
  })

  it('notes when a session was last seen, at most once a minute', async () => {
    const cookie = cookieOf(await logIn('liwei', PASSWORD))
    const row = () => db().selectFrom('sessions').select('last_seen_at').where('id_hash', '=', hashToken(cookie.split('=')[1]!))
    const twoMinutesAgo = new Date(Date.now() - 120_000)
    await db().updateTable('sessions').set({ last_seen_at: twoMinutesAgo }).where('id_hash', '=', hashToken(cookie.split('=')[1]!)).execute()
    await getSession(cookie)
    const touched = (await row().executeTakeFirstOrThrow()).last_seen_at
    expect(touched.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000)
    await getSession(cookie)
    expect((await row().executeTakeFirstOrThrow()).last_seen_at).toEqual(touched)
  })

  it('logs out only with the session\'s CSRF token in x-csrf-token, clearing the cookie and auditing it', async () => {
    await addUser('chenjing')
    const login = await logIn('chenjing', PASSWORD)
    const cookie = cookieOf(login)
    const logOut = (headers: Record<string, string>) => testApp.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, ...headers } })
    const forged: Record<string, string>[] = [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': `${login.json().csrfToken}x` }]
    for (const headers of forged) {
      const refused = await logOut(headers)
      expect(refused.statusCode).toBe(403)
      expect(refused.json().code).toBe('csrf_refused')
    }
    expect((await getSession(cookie)).statusCode).toBe(200)
    const response = await logOut({ 'x-csrf-token': login.json().csrfToken })
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect(response.cookies).toEqual([expect.objectContaining({ name: 'regdeck_session', value: '', path: '/', httpOnly: true })])
    expect((await getSession(cookie)).statusCode).toBe(401)
    expect((await logOut({ 'x-csrf-token': login.json().csrfToken })).statusCode).toBe(401)
    expect((await auditOf('chenjing')).map((row) => row.action)).toEqual(['user.logged_in', 'user.logged_out'])
  })

  it('answers a wrong password and an unknown user alike, and audits both without the password', async () => {
    const remoteAddress = newAddress()
    const wrong = await logIn('liwei', 'not the password', { remoteAddress })
    const unknown = await logIn('nobody', 'not the password', { remoteAddress })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json()).toEqual(unknown.json())
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', detail: 'wrong username or password' })
    const failures = [...(await auditOf('liwei')), ...(await auditOf('nobody'))].filter((row) => row.action === 'user.login_failed')
    expect(failures.slice(-1)).toEqual([{ actor: `client:${remoteAddress}`, action: 'user.login_failed', detail: { ip: remoteAddress, reason: 'unknown_user' } }])
    expect(JSON.stringify(failures)).not.toContain('not the password')
    await db().updateTable('users').set({ failed_logins: 0 }).where('username', '=', 'liwei').execute()
  })

  it(`locks an account after ${MAX_FAILED_LOGINS} wrong passwords in a row for 15 minutes, and audits it`, async () => {
    await addUser('wufang')
    const remoteAddress = newAddress()
    // A success sets the count back: four wrong, one right, four wrong is no lockout.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect((await logIn('wufang', 'wrong password', { remoteAddress })).statusCode).toBe(401)
      if (round === 0) expect((await logIn('wufang', PASSWORD)).statusCode).toBe(200)
    }
    const locking = await logIn('wufang', 'wrong password')
    expect(locking.statusCode).toBe(423)
    expect(locking.json()).toMatchObject({ code: 'account_locked', detail: expect.stringMatching(/locked .* until \d{4}-/) })
    expect(Number(locking.headers['retry-after'])).toBeGreaterThan(14 * 60)
    expect(Number(locking.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
    // Locked, even the right password is not tried.
    const right = await logIn('wufang', PASSWORD)
    expect(right.statusCode).toBe(423)
    const actions = (await auditOf('wufang')).map((row) => row.action)
    expect(actions.filter((action) => action === 'user.login_failed')).toHaveLength(2 * (MAX_FAILED_LOGINS - 1) + 2)
    expect(actions.filter((action) => action === 'user.locked')).toHaveLength(1)
    expect(actions.at(-1)).toBe('user.login_failed')

    await db().updateTable('users').set({ locked_until: sql<Date>`now() - interval '1 second'` }).where('username', '=', 'wufang').execute()
    expect((await logIn('wufang', PASSWORD)).statusCode).toBe(200)
  })

  it(`locks once when ${MAX_FAILED_LOGINS} wrong passwords arrive at once`, async () => {
    await addUser('gaoyan')
    const remoteAddress = newAddress()
    const answers = await Promise.all(Array.from({ length: MAX_FAILED_LOGINS }, () => logIn('gaoyan', 'wrong password', { remoteAddress })))
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([...Array(MAX_FAILED_LOGINS - 1).fill(401), 423])
    const locks = (await auditOf('gaoyan')).filter((row) => row.action === 'user.locked')
    expect(locks).toEqual([
      { actor: `client:${remoteAddress}`, action: 'user.locked', detail: { ip: remoteAddress, failedLogins: MAX_FAILED_LOGINS, until: expect.stringMatching(/^\d{4}-/) } },
    ])
  })

  it('tells a disabled account so only to someone who knows its password', async () => {
    await addUser('hexin', { disabled: true })
    const right = await logIn('hexin', PASSWORD)
    expect(right.statusCode).toBe(403)
    expect(right.json().code).toBe('account_disabled')
    expect(right.cookies).toEqual([])
    expect((await logIn('hexin', 'wrong password')).json().code).toBe('invalid_credentials')
  })

  it('limits login attempts per address to 10 a minute, answering 429 problem+json with Retry-After', async () => {
    const remoteAddress = newAddress()
    for (let i = 0; i < 10; i++) expect((await logIn('nobody-here', 'wrong password', { remoteAddress })).statusCode).not.toBe(429)
    const limited = await logIn('liwei', PASSWORD, { remoteAddress })
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(limited.json()).toMatchObject({ code: 'too_many_requests', status: 429 })
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await logIn('liwei', PASSWORD)).statusCode).toBe(200)
  })
})
