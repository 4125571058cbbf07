// Credentials for each kind of principal, for the access suites: a user's session (cookie and
// CSRF header), a screen's or key's bearer token, made through the same repositories as the
// admin command.
import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../../server/access/passwords'
import type { UserRole } from '../../server/access/roles'
import { createTokenHolder } from '../../server/access/token-holders-repository'
import { createUser } from '../../server/access/users-repository'
import { CSRF_HEADER } from '../../shared/session'

const PASSWORD = 'a long enough password'
/** A cheap hash: the suites log in many times. */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
const ACTOR = 'test:principals'

let made = 0
/** Every login from an address of its own, so the login rate limit never answers for a suite. */
export const nextAddress = () => `10.9.${Math.floor(++made / 256) % 256}.${made % 256}`

/** A new user of `role` at `region`, with a cheap hash of PASSWORD. */
export async function addUser(app: FastifyInstance, username: string, role: UserRole, region: string): Promise<void> {
  await createUser(app.database.db, { username, passwordHash: await hashPassword(PASSWORD, TEST_COST), role, region }, ACTOR)
}

/** A new session of `username`: its cookie and CSRF header, for any request. */
export async function logIn(app: FastifyInstance, username: string): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextAddress(), payload: { username, password: PASSWORD } })
  if (response.statusCode !== 200) throw new Error(`login of ${username}: ${response.statusCode} ${response.body}`)
  const [cookie] = response.cookies as { name: string; value: string }[]
  return { cookie: `${cookie?.name}=${cookie?.value}`, [CSRF_HEADER]: String(response.json().csrfToken) }
}

export const loginBody = (username: string) => ({ username, password: PASSWORD })

/** A new key or screen at `region`: its id and the Authorization header of its token. */
export async function bearerOf(app: FastifyInstance, kind: 'key' | 'screen', region: string, name = `test ${kind} ${region}`): Promise<{ id: string; headers: { authorization: string } }> {
  const { id, token } = await createTokenHolder(app.database.db, { kind, name, region }, ACTOR)
  return { id, headers: { authorization: `Bearer ${token}` } }
}
