// A socket's handshake decides HTTPS exactly as Fastify's request.protocol does (so the
// same cookie name is read on both), presents credentials in identify's order, and the
// batched re-identification agrees with identify credential by credential.
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { identify } from '../../../server/access/principal-of'
import { revokeTokenHolder } from '../../../server/access/token-holders-repository'
import { updateUser } from '../../../server/access/users-repository'
import { cameOverHttps, compileTrustProxy, credentialKey, handshakeCredentials, heldCredential, reidentify } from '../../../server/access/socket-access'
import { originOf } from '../../support/live-screen'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { connectLive, loggedInUser, tokenOf } from '../../support/live-credentials'

describe('HTTPS as a handshake sees it', () => {
  const cases: { trustProxy: string | undefined; remoteAddress: string; proto: string | undefined }[] = []
  for (const trustProxy of [undefined, '127.0.0.1', '10.0.0.0/8, 127.0.0.1', '192.168.0.1', 'loopback'])
    for (const remoteAddress of ['127.0.0.1', '10.1.2.3', '203.0.113.9'])
      for (const proto of [undefined, 'https', 'http', 'http, https', 'https, http', 'HTTPS', '']) cases.push({ trustProxy, remoteAddress, proto })

  it.each(cases)('agrees with Fastify: trusting $trustProxy, from $remoteAddress, X-Forwarded-Proto $proto', async ({ trustProxy, remoteAddress, proto }) => {
    const app = Fastify({ trustProxy: trustProxy ?? false })
    const trust = compileTrustProxy(trustProxy)
    app.get('/', async (request) => ({ fastify: request.protocol === 'https', socket: cameOverHttps(request.raw, trust) }))
    const response = await app.inject({ url: '/', remoteAddress, headers: proto === undefined ? {} : { 'x-forwarded-proto': proto } })
    const { fastify, socket } = response.json()
    expect(socket).toBe(fastify)
    await app.close()
  })
})

describe('credentials a handshake presents', () => {
  const parse = (header: string) => Object.fromEntries(header.split('; ').map((pair) => pair.split('=') as [string, string]))
  it('reads the token from auth, and the cookies under the protocol’s names only', () => {
    const cookie = 'regdeck_session=plain; __Host-regdeck_session=secure; regdeck_screen=rds_plain'
    expect(handshakeCredentials({ auth: { token: 'rds_x' }, headers: { cookie } }, parse, false)).toEqual({ bearer: 'rds_x', sessionId: 'plain', screenToken: 'rds_plain' })
    expect(handshakeCredentials({ auth: {}, headers: { cookie } }, parse, true)).toEqual({ bearer: undefined, sessionId: 'secure', screenToken: undefined })
    expect(handshakeCredentials({ auth: { token: { not: 'a string' } }, headers: {} }, parse, false).bearer).toBe('')
    expect(handshakeCredentials({ auth: { token: null }, headers: {} }, parse, false).bearer).toBeUndefined()
  })
})

describe.each(testDatabaseKinds())('re-identifying held credentials on %s', (kind) => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_ANONYMOUS: 'off', REGDECK_TRUST_PROXY: '127.0.0.1' })
  })
  afterAll(() => testApp.close())

  it('finds exactly whom identify finds, for many credentials at once, and nobody once they end', async () => {
    const { app } = testApp
    const db = app.database.db
    const cookies = await Promise.all(['reid_a', 'reid_b'].map((name, index) => loggedInUser(app, name, 'leader', index === 0 ? '510100' : '510700')))
    const screens = await Promise.all([1, 2, 3].map((index) => tokenOf(app, 'screen', `reid-screen-${index}`, '510104')))
    const key = await tokenOf(app, 'key', 'reid-key', '510000')
    const presented = [
      ...cookies.map((cookie) => ({ bearer: undefined, sessionId: cookie.split('=')[1], screenToken: undefined })),
      ...screens.map(({ token }) => ({ bearer: token, sessionId: undefined, screenToken: undefined })),
      { bearer: undefined, sessionId: undefined, screenToken: screens[0]?.token },
      { bearer: key.token, sessionId: undefined, screenToken: undefined },
    ]
    const held = presented.map((credentials) => heldCredential(credentials))
    const check = async () => {
      const found = await reidentify(db, held.map((credential) => credential!))
      for (const [index, credentials] of presented.entries()) {
        const single = await identify(db, credentials, { anonymousProvince: undefined })
        const batched = found.get(credentialKey(held[index]!))
        expect(batched === undefined ? undefined : { ...batched }).toEqual('principal' in single ? { ...single.principal } : undefined)
      }
      return found
    }
    expect((await check()).size).toBe(6) // the screen presented twice is one credential
    await revokeTokenHolder(db, screens[0]!.id, 'test')
    await updateUser(db, 'reid_b', { disabled: true }, 'test', () => true)
    expect((await check()).size).toBe(4)
  })

  it('reads the __Host- session cookie on a handshake that a trusted proxy says came over HTTPS, and not the plain one', async () => {
    const { app } = testApp
    await app.listen({ port: 0, host: '127.0.0.1' })
    const plain = await loggedInUser(app, 'proxied', 'leader', '510100')
    const value = plain.split('=')[1]
    const origin = originOf(app.server)
    const https = { 'x-forwarded-proto': 'https' }
    const secure = await connectLive(origin, { cookie: `__Host-regdeck_session=${value}`, headers: https })
    expect(secure).toHaveProperty('socket')
    if ('socket' in secure) secure.socket.close()
    expect(await connectLive(origin, { cookie: plain, headers: https })).toMatchObject({ refused: { code: 'unauthenticated' } })
  })
})
