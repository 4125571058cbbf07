// Who may do what, and where. Every principal holds one role and one region scope;
// the one rule: deny unless a grant allows. A grant is a role's action inside the
// principal's region subtree, nothing above it or beside it (docs/access.md).
import type { RegionTree } from '../regions/region-tree'

export const ACTIONS = [
  'read',
  'write_records',
  'raise_task',
  'return_task',
  'close_task',
  'acknowledge_task',
  'answer_task',
  'administer',
] as const
export type Action = (typeof ACTIONS)[number]

/** Roles a person logs in with; the users table's CHECK constraint holds the same list. */
export const USER_ROLES = ['admin', 'leader', 'duty_officer', 'region_officer'] as const
export type UserRole = (typeof USER_ROLES)[number]

/** Screens and integrator keys are tokens, not people: their role comes with what they are. */
export const ROLES = [...USER_ROLES, 'screen', 'integrator'] as const
/** Who nobody is: the anonymous viewer, when the configuration lets anyone read (REGDECK_ANONYMOUS=viewer). Never granted to anyone. */
const ANONYMOUS_ROLE = 'viewer'
export type Role = (typeof ROLES)[number]

export type Principal =
  | { kind: 'user'; id: string; name: string; role: UserRole; region: string }
  | { kind: 'screen'; id: string; name: string; role: 'screen'; region: string; playlist: string | null }
  | { kind: 'key'; id: string; name: string; role: 'integrator'; region: string }
  | { kind: 'anonymous'; id: 'anonymous'; role: typeof ANONYMOUS_ROLE; region: string }

/** The anonymous viewer of a province: reads it, never writes or acts. */
export const anonymousViewer = (provinceCode: string): Principal => ({ kind: 'anonymous', id: 'anonymous', role: ANONYMOUS_ROLE, region: provinceCode })

/**
 * Each role's grants. `admin` administers and reads nothing: accounts and business data
 * are kept apart, so an administrator who must also read holds a second, reading account.
 */
export const GRANTS: Record<Role | typeof ANONYMOUS_ROLE, readonly Action[]> = {
  admin: ['administer'],
  leader: ['read'],
  duty_officer: ['read', 'raise_task', 'return_task', 'close_task'],
  region_officer: ['read', 'acknowledge_task', 'answer_task'],
  screen: ['read'],
  integrator: ['write_records'],
  viewer: ['read'],
}

const KIND_OF_ROLE: Record<Role | typeof ANONYMOUS_ROLE, Principal['kind']> = {
  admin: 'user',
  leader: 'user',
  duty_officer: 'user',
  region_officer: 'user',
  screen: 'screen',
  integrator: 'key',
  viewer: 'anonymous',
}

export const isUserRole = (value: string): value is UserRole => (USER_ROLES as readonly string[]).includes(value)

/**
 * Whether `principal` may take `action` on `regionCode`. Everything not granted is denied:
 * a role or kind that does not match, an action the role lacks, a region outside the
 * principal's subtree, a code that names no region (`RegionTree.contains` is false for it).
 */
export function allows(principal: Principal, action: Action, regionCode: string, tree: RegionTree): boolean {
  // Principals are built from rows and tokens: a role the type does not know must deny, not throw.
  if (!Object.hasOwn(GRANTS, principal.role) || KIND_OF_ROLE[principal.role] !== principal.kind) return false
  return GRANTS[principal.role].includes(action) && tree.contains(principal.region, regionCode)
}

/**
 * Whether `regionCode` and the principal's scope lie one within the other: what concerns a
 * region that contains the scope (a province-wide campaign for a city's wall) concerns it too.
 */
export function overlapsScope(principal: Principal, regionCode: string, tree: RegionTree): boolean {
  return tree.contains(principal.region, regionCode) || tree.contains(regionCode, principal.region)
}

/**
 * Whether `grantor` may create a user, key or screen with `role` at `regionCode`: it must
 * administer that region, so nothing it grants reaches beyond its own scope.
 */
export function mayGrant(grantor: Principal, role: string, regionCode: string, tree: RegionTree): boolean {
  return (ROLES as readonly string[]).includes(role) && allows(grantor, 'administer', regionCode, tree)
}
