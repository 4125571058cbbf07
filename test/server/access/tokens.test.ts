import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashToken, issueToken, tokenKindOfId } from '../../../server/access/tokens'

describe('issueToken', () => {
  it('gives an integrator key a recognisable, URL-safe token of 256 random bits', () => {
    const { token } = issueToken('key')
    expect(token).toMatch(/^rdk_[A-Za-z0-9_-]{43}$/)
    expect(encodeURIComponent(token)).toBe(token)
  })

  it('gives a screen its own prefix, and ids that say what they belong to', () => {
    const screen = issueToken('screen')
    expect(screen.token).toMatch(/^rds_[A-Za-z0-9_-]{43}$/)
    expect(screen.id).toMatch(/^scr_[0-9a-f]{16}$/)
    expect(issueToken('key').id).toMatch(/^key_[0-9a-f]{16}$/)
  })

  it('stores only the SHA-256 of the token, never the token or a part of it', () => {
    const { token, tokenHash } = issueToken('key')
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(tokenHash).not.toContain(token.slice(4, 12))
    expect(hashToken(token)).toBe(tokenHash)
  })

  it('never repeats a token or an id', () => {
    const issued = Array.from({ length: 1000 }, () => issueToken('screen'))
    expect(new Set(issued.map((each) => each.token)).size).toBe(1000)
    expect(new Set(issued.map((each) => each.id)).size).toBe(1000)
  })
})

describe('tokenKindOfId', () => {
  it('tells a key id from a screen id and knows nothing else', () => {
    expect(tokenKindOfId('key_0123456789abcdef')).toBe('key')
    expect(tokenKindOfId('scr_0123456789abcdef')).toBe('screen')
    for (const id of ['usr_0123456789abcdef', 'rdk_secret', '', 'KEY_0123']) expect(tokenKindOfId(id), id).toBeUndefined()
  })
})
