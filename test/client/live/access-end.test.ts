// How the wall reads the live socket's word on access: which connect_errors are the server's
// refusals (socket.io does not retry them), and where each ended access sends the browser.
import { describe, expect, it } from 'vitest'
import { handshakeRefusal } from '../../../client/src/live/access-end'
import { accessEndedPath } from '../../../client/src/router/routes'

const refusal = (code: string) => Object.assign(new Error('refused'), { data: { code } })

describe('handshakeRefusal', () => {
  it('reads the code of a refusal by the server, which left the socket inactive', () => {
    expect(handshakeRefusal(refusal('unauthenticated'), false)).toBe('unauthenticated')
    expect(handshakeRefusal(refusal('forbidden'), false)).toBe('forbidden')
    expect(handshakeRefusal(refusal('unavailable'), false)).toBe('unavailable')
  })

  it('leaves a transport failure (socket.io reconnects itself) and unknown codes alone', () => {
    expect(handshakeRefusal(refusal('forbidden'), true)).toBeNull()
    expect(handshakeRefusal(new Error('websocket error'), false)).toBeNull()
    expect(handshakeRefusal(refusal('teapot'), false)).toBeNull()
    expect(handshakeRefusal(null, false)).toBeNull()
  })
})

describe('accessEndedPath', () => {
  const url = '/wall/overview/510104?period=today'
  const next = encodeURIComponent(url)

  it('sends a revoked screen to the login page that says its token is not valid', () => {
    expect(accessEndedPath('token_revoked', url, true)).toBe(`/login?next=${next}&screen=invalid`)
    expect(accessEndedPath('unauthenticated', url, true)).toBe(`/login?next=${next}&screen=invalid`)
  })

  it('sends a person whose session ended to log in again, and back', () => {
    expect(accessEndedPath('session_ended', url, false)).toBe(`/login?next=${next}&expired=1`)
    expect(accessEndedPath('unauthenticated', url, false)).toBe(`/login?next=${next}&expired=1`)
  })

  it('loads the page afresh on a changed scope, and stays for a role that reads nothing', () => {
    expect(accessEndedPath('scope_changed', url, false)).toBe(url)
    expect(accessEndedPath('forbidden', url, false)).toBeNull()
  })
})
