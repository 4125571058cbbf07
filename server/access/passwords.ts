// Passwords are kept as scrypt hashes (Node's crypto, no native add-on): a random salt per
// password and the cost parameters stored beside the hash, so raising the cost later
// still verifies every password hashed before.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

export interface ScryptCost {
  /** CPU and memory cost, a power of two */
  N: number
  r: number
  p: number
}

/** OWASP's recommended minimum for scrypt: 2^17 × 8 takes 128 MiB and a few hundred ms per login. */
export const SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 32
const SALT_LENGTH = 16
export const MIN_PASSWORD_LENGTH = 10
// Long enough for any passphrase; bounded so a request cannot make one hash arbitrarily long.
const MAX_PASSWORD_LENGTH = 256

/** Why a password is refused, or undefined when it is acceptable. Counts characters, not bytes. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length
  if (length === 0) return 'the password is empty'
  if (length < MIN_PASSWORD_LENGTH) return `the password is too short: at least ${MIN_PASSWORD_LENGTH} characters`
  if (length > MAX_PASSWORD_LENGTH) return `the password is too long: at most ${MAX_PASSWORD_LENGTH} characters`
  return undefined
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const hash = await derive(password, salt, cost, KEY_LENGTH)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

/** False for a wrong password and for a stored value that is not one of ours: fail closed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored)
  if (parsed === undefined) return false
  try {
    return timingSafeEqual(await derive(password, parsed.salt, parsed.cost, parsed.hash.length), parsed.hash)
  } catch {
    return false // parameters scrypt refuses (N not a power of two, too much memory)
  }
}

function parseStored(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, N, r, p, salt, hash, ...rest] = stored.split('$')
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined || rest.length > 0) return undefined
  const cost = { N: Number(N), r: Number(r), p: Number(p) }
  if (![cost.N, cost.r, cost.p].every((value) => Number.isSafeInteger(value) && value > 0)) return undefined
  const hashBytes = Buffer.from(hash, 'base64url')
  return hashBytes.length === 0 ? undefined : { cost, salt: Buffer.from(salt, 'base64url'), hash: hashBytes }
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyLength: number): Promise<Buffer> {
  // scrypt needs 128 × N × r bytes and refuses more than maxmem (32 MiB by default).
  const maxmem = 2 * 128 * cost.N * cost.r + 128 * cost.r * cost.p
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (error, key) => (error === null ? resolve(key) : reject(error)))
  })
}
