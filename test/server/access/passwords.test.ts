import { scryptSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MIN_PASSWORD_LENGTH, SCRYPT_COST, hashPassword, passwordProblem, verifyPassword } from '../../../server/access/passwords'

// Cheap parameters where the cost is not the point: the default takes 128 MiB per hash.
const CHEAP = { N: 1024, r: 8, p: 1 }

describe('passwordProblem', () => {
  it('refuses an empty or short password and counts characters, not bytes', () => {
    expect(passwordProblem('')).toMatch(/empty/)
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH - 1))).toMatch(/too short/)
    expect(passwordProblem('a'.repeat(MIN_PASSWORD_LENGTH))).toBeUndefined()
    // nine Han characters are 27 bytes of UTF-8 and still too short
    expect(passwordProblem('市场监管总局四川省')).toMatch(/too short/)
    expect(passwordProblem('市场监管总局四川省成都')).toBeUndefined()
  })

  it('refuses a password long enough to make hashing a burden', () => {
    expect(passwordProblem('x'.repeat(257))).toMatch(/too long/)
  })
})

describe('hashPassword and verifyPassword', () => {
  it('hash with the recommended scrypt cost by default and store it beside the hash', async () => {
    const stored = await hashPassword('correct horse battery')
    expect(SCRYPT_COST.N * SCRYPT_COST.r).toBeGreaterThanOrEqual(2 ** 17 * 8)
    expect(stored).toMatch(new RegExp(`^scrypt\\$${SCRYPT_COST.N}\\$${SCRYPT_COST.r}\\$${SCRYPT_COST.p}\\$[\\w-]{22}\\$[\\w-]{43}$`))
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
  })

  it('is standard scrypt: the stored hash is what scrypt gives for the stored salt and cost', async () => {
    const stored = await hashPassword('correct horse battery', CHEAP)
    const [, N, r, p, salt, hash] = stored.split('$')
    const expected = scryptSync('correct horse battery', Buffer.from(salt ?? '', 'base64url'), 32, { N: Number(N), r: Number(r), p: Number(p) })
    expect(hash).toBe(expected.toString('base64url'))
  })

  it('salts every hash: one password hashed twice gives two hashes, both verifying', async () => {
    const [first, second] = await Promise.all([hashPassword('same password!', CHEAP), hashPassword('same password!', CHEAP)])
    expect(first).not.toBe(second)
    expect(await verifyPassword('same password!', first)).toBe(true)
    expect(await verifyPassword('same password!', second)).toBe(true)
  })

  it('refuses a wrong password, one differing only in case or a trailing space', async () => {
    const stored = await hashPassword('Correct horse', CHEAP)
    for (const wrong of ['correct horse', 'Correct horse ', 'Correct hors', '']) expect(await verifyPassword(wrong, stored), wrong).toBe(false)
  })

  it('verifies with the cost stored in the hash, so raising the default keeps old passwords working', async () => {
    const older = await hashPassword('kept from before', { N: 2048, r: 4, p: 2 })
    expect(older.startsWith('scrypt$2048$4$2$')).toBe(true)
    expect(await verifyPassword('kept from before', older)).toBe(true)
  })

  it('accepts the same password typed in composed or decomposed Unicode', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!', CHEAP)
    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true)
  })

  it('fails closed on a stored value that is not one of its hashes', async () => {
    const stored = await hashPassword('some password', CHEAP)
    const tampered = [stored.replace(/^scrypt/, 'md5'), `${stored}$extra`, stored.split('$').slice(0, 5).join('$'), 'some password', '', stored.replace(/\$1\$/, '$0$')]
    for (const value of tampered) expect(await verifyPassword('some password', value), value).toBe(false)
  })
})
