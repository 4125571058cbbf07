// The admin routes' guard: who may administer, and what an administrator may touch. A session
// whose role does not administer is refused whole; one that does reaches only its own scope.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { HttpProblem } from '../http/problem'
import type { RegionTree } from '../regions/region-tree'
import { requireCsrfToken } from './csrf'
import { allows, mayGrant } from './roles'
import type { ActiveSession } from './sessions-repository'
import { requireSession } from './session-of'

export type Administrator = ActiveSession['user']

/** The session's user if its role administers somewhere (its own scope); 401 without a session, 403 `forbidden` otherwise. */
export async function requireAdministrator(request: FastifyRequest): Promise<Administrator> {
  const { user } = await requireSession(request)
  if (!allows(user, 'administer', user.region, request.server.regions)) {
    throw new HttpProblem(403, 'Forbidden', `the role ${user.role} does not administer users, keys or screens`)
  }
  return user
}

/**
 * The admin routes' onRequest hook: credentials are checked before the body is even read, so
 * nobody without them learns anything, not even what a valid body looks like.
 */
export const onlyAdministrators: onRequestAsyncHookHandler = async (request) => {
  await requireAdministrator(request)
}

/** The hooks of an admin route that changes something: an administrator first, then the session's CSRF token. */
export const ADMIN_CHANGE_HOOKS = { onRequest: onlyAdministrators, preHandler: requireCsrfToken }

/** Whether the administrator may see and change what lies at `region`. */
export const administers = (admin: Administrator, region: string, tree: RegionTree): boolean => allows(admin, 'administer', region, tree)

/**
 * Refuses a role or region the administrator may not grant: 400 `unknown_region` naming the
 * field for a code of no region, 403 `forbidden` for one outside its scope.
 */
export function requireGrantable(admin: Administrator, role: string, region: string, tree: RegionTree): void {
  if (!tree.has(region)) {
    throw new HttpProblem(400, 'Unknown region', `region ${region} is not a region of ${tree.province.name}`, [{ field: 'body.region', message: 'names no region of the province' }], 'unknown_region')
  }
  if (!mayGrant(admin, role, region, tree)) {
    throw new HttpProblem(403, 'Forbidden', `an administrator of ${admin.region} cannot grant ${role} at ${region}: it lies outside its scope`)
  }
}

/** A 400 naming the body's field, when there is a problem with it. */
export function refuseField(field: string, problem: string | undefined): void {
  if (problem !== undefined) throw new HttpProblem(400, 'Invalid request', problem, [{ field, message: problem }])
}

/** The audit log's actor for a change made over HTTP. */
export const actorOf = (admin: Administrator): string => `user:${admin.username}`

/** What the admin routes answer when the caller may not administer, documented on each. */
export const NO_SESSION = '`unauthenticated`: no session cookie, or its session expired, was ended, or its user was disabled'
export const NOT_ADMINISTERED = "`forbidden`: the session's role does not administer, or what was asked lies outside its scope"
/** The same 403 for the routes that change something: they need the session's CSRF token too. */
export const NOT_ADMINISTERED_OR_NO_CSRF = `${NOT_ADMINISTERED}; \`csrf_refused\`: the x-csrf-token header is missing or is not this session's token`
