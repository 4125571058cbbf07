// The embedded demo's accounts: one per person's role, so a newcomer can log in as each and see
// what it may see. Made once per data folder with random passwords, which are shown only when
// made: they are stored as hashes like any other. Never on PostgreSQL: there the admin command
// makes the first admin (docs/access.md).
import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { type ScryptCost, SCRYPT_COST, hashPassword } from '../access/passwords'
import type { UserRole } from '../access/roles'
import { createUser } from '../access/users-repository'
import type { RegionTree } from '../regions/region-tree'

export interface DemoAccount {
  username: string
  role: UserRole
  region: { code: string; name: string }
  password: string
}

const AUDIT_ACTOR = 'server:demo'
// No 0/O, 1/l/I: read off a terminal and typed on another machine.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Whether this configuration has demo accounts: the embedded demo only. */
export const wantsDemoAccounts = (config: { demo: boolean; databaseUrl: string | undefined }): boolean => config.demo && config.databaseUrl === undefined

/** 15 characters in three groups, about 74 random bits: easy to type, not to guess. */
export function demoPassword(): string {
  const group = () => Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('')
  return [group(), group(), group()].join('-')
}

/**
 * Who the demo accounts are, in the province's tree: admin and leader at the province, the duty
 * officer at its first city (成都 in Sichuan), the region officer at that city's first county (锦江区).
 */
export function demoAccountPlan(tree: RegionTree): { username: string; role: UserRole; region: string }[] {
  const province = tree.province.code
  const city = tree.children(province)[0]?.code ?? province
  const county = tree.children(city)[0]?.code ?? city
  return [
    { username: 'admin', role: 'admin', region: province },
    { username: 'leader', role: 'leader', region: province },
    { username: 'duty_officer', role: 'duty_officer', region: city },
    { username: 'region_officer', role: 'region_officer', region: county },
  ]
}

/** Makes the demo accounts not there yet; the ones made now, with their passwords (empty when all were there). */
export async function ensureDemoAccounts(db: Kysely<Database>, tree: RegionTree, cost: ScryptCost = SCRYPT_COST): Promise<DemoAccount[]> {
  const plan = demoAccountPlan(tree)
  const existing = new Set(
    (
      await db
        .selectFrom('users')
        .select('username')
        .where(
          'username',
          'in',
          plan.map((account) => account.username),
        )
        .execute()
    ).map((row) => row.username),
  )
  const created: DemoAccount[] = []
  // One at a time: each hash takes 128 MiB at the full cost.
  for (const account of plan.filter((planned) => !existing.has(planned.username))) {
    const password = demoPassword()
    const made = await createUser(db, { ...account, passwordHash: await hashPassword(password, cost) }, AUDIT_ACTOR)
    if (made !== undefined) created.push({ username: account.username, role: account.role, region: { code: account.region, name: tree.require(account.region).name }, password })
  }
  return created
}

/** The lines a start prints about accounts it made: a heading, then one aligned line per account. */
export function describeDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  if (accounts.length === 0) return []
  const width = Math.max(...accounts.map((account) => account.username.length))
  const roleWidth = Math.max(...accounts.map((account) => account.role.length))
  return [
    'demo: accounts made for this data folder, shown this once (`npm run admin -- reset-password <username>` sets another password):',
    ...accounts.map(
      (account) => `demo:   ${account.username.padEnd(width)}  ${account.role.padEnd(roleWidth)}  ${account.region.code} ${account.region.name}  password ${account.password}`,
    ),
  ]
}
