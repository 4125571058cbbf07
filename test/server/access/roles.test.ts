// The one rule, cell by cell: every role × every action × a region inside, at, beside and
// above the principal's scope, and codes that name no region. The expected grants are
// written here from the roles issue 15 defines, not read from the code under test.
import { describe, expect, it } from 'vitest'
import { ACTIONS, type Action, type Principal, ROLES, type Role, allows, mayGrant } from '../../../server/access/roles'
import { RegionTree, loadProvinceDivisions } from '../../../server/regions/region-tree'

const tree = new RegionTree(loadProvinceDivisions('510000'), new Map())

const NONE = { read: false, write_records: false, raise_task: false, return_task: false, close_task: false, acknowledge_task: false, answer_task: false, administer: false }

/** role → action → allowed inside the role's own scope. A new role or action without a row fails below. */
const GRANTED_IN_SCOPE: Record<string, Record<string, boolean>> = {
  // users, keys, screens; reads no business data (docs/access.md)
  admin: { ...NONE, administer: true },
  leader: { ...NONE, read: true },
  duty_officer: { ...NONE, read: true, raise_task: true, return_task: true, close_task: true },
  region_officer: { ...NONE, read: true, acknowledge_task: true, answer_task: true },
  screen: { ...NONE, read: true },
  integrator: { ...NONE, write_records: true },
}

const kindOf = (role: Role): Principal['kind'] => (role === 'screen' ? 'screen' : role === 'integrator' ? 'key' : 'user')
const principal = (role: Role, region: string) => ({ kind: kindOf(role), id: `${role}-1`, role, region }) as Principal

/** Each scope with regions in every position around it; codes checked against the tree below. */
const SCOPES = [
  { scope: '510100', inside: ['510100', '510104'], outside: { beside: '510700', above: '510000', cousin: '510703' } },
  { scope: '510104', inside: ['510104'], outside: { beside: '510105', above: '510100', 'other city': '510703' } },
  { scope: '510000', inside: ['510000', '510700', '513402'], outside: {} },
]
const UNKNOWN = { 'another province': '110105', 'no region at all': '999999', 'not a code': 'chengdu' }

describe('the grant table', () => {
  it('has a row for every role and a cell for every action', () => {
    expect(Object.keys(GRANTED_IN_SCOPE).sort()).toEqual([...ROLES].sort())
    for (const role of ROLES) expect(Object.keys(GRANTED_IN_SCOPE[role] ?? {}).sort(), role).toEqual([...ACTIONS].sort())
  })

  it('places the test regions where their names say', () => {
    expect(tree.get('510104')?.parentCode).toBe('510100')
    expect(tree.get('510105')?.parentCode).toBe('510100')
    expect(tree.get('510703')?.parentCode).toBe('510700')
    expect(tree.get('510700')?.parentCode).toBe('510000')
    expect(tree.get('513402')).toBeDefined()
    for (const code of Object.values(UNKNOWN)) expect(tree.has(code)).toBe(false)
  })
})

describe.each(SCOPES)('allows, scope $scope', ({ scope, inside, outside }) => {
  const cells = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action })))

  it.each(cells)('$role may $action inside its scope exactly as the table says', ({ role, action }) => {
    for (const region of inside) expect(allows(principal(role, scope), action, region, tree), region).toBe(GRANTED_IN_SCOPE[role]?.[action])
  })

  it.each(cells)('$role may not $action beside, above or outside its scope', ({ role, action }) => {
    for (const [where, region] of Object.entries({ ...outside, ...UNKNOWN })) {
      expect(allows(principal(role, scope), action, region, tree), `${where} ${region}`).toBe(false)
    }
  })
})

describe('allows fails closed on a principal that is not what it claims', () => {
  const everyAction = (candidate: Principal) => ACTIONS.filter((action: Action) => allows(candidate, action, '510104', tree))

  it('denies a key or screen carrying a person role, and a user carrying a token role', () => {
    expect(everyAction({ kind: 'key', id: 'k', role: 'admin', region: '510000' } as unknown as Principal)).toEqual([])
    expect(everyAction({ kind: 'screen', id: 's', role: 'leader', region: '510000' } as unknown as Principal)).toEqual([])
    expect(everyAction({ kind: 'user', id: 'u', role: 'integrator', region: '510000' } as unknown as Principal)).toEqual([])
  })

  it('denies a role nobody defined, without throwing', () => {
    for (const role of ['root', 'constructor', 'toString', '']) {
      expect(everyAction({ kind: 'user', id: 'u', role, region: '510000' } as unknown as Principal), role).toEqual([])
    }
  })

  it('denies a principal whose own region is not in the tree', () => {
    expect(everyAction(principal('leader', '110000'))).toEqual([])
  })
})

describe('mayGrant: an admin grants only inside its own scope', () => {
  const chengduAdmin = principal('admin', '510100')

  it.each(ROLES)('a city admin may grant %s in its city and its counties', (role) => {
    expect(mayGrant(chengduAdmin, role, '510100', tree)).toBe(true)
    expect(mayGrant(chengduAdmin, role, '510104', tree)).toBe(true)
  })

  it.each(ROLES)('a city admin may not grant %s above or beside its city', (role) => {
    for (const region of ['510000', '510700', '510703', '110105', '999999']) expect(mayGrant(chengduAdmin, role, region, tree), region).toBe(false)
  })

  it('refuses a role that does not exist, even inside the scope', () => {
    expect(mayGrant(principal('admin', '510000'), 'superadmin', '510104', tree)).toBe(false)
  })

  it.each(ROLES.filter((role) => role !== 'admin'))('%s may grant nothing, even in its own scope', (role) => {
    expect(mayGrant(principal(role, '510000'), 'leader', '510104', tree)).toBe(false)
  })
})
