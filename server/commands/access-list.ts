// What `npm run admin -- list` prints: one table of every user, key and screen, in the
// command centre's time zone. Hashes are not selected, so they cannot be shown.
import type { TokenHolder } from '../access/token-holders-repository'
import type { UserAccount } from '../access/users-repository'
import type { RegionTree } from '../regions/region-tree'
import { isoInTimeZone } from '../time/zoned-time'

const HEADER = ['id', 'name', 'role', 'created', 'last used', 'state', 'region']

export function formatAccessList(users: readonly UserAccount[], holders: readonly TokenHolder[], tree: RegionTree, timeZone: string, now = new Date()): string {
  if (users.length + holders.length === 0) return 'no users, keys or screens yet\n'
  const time = (date: Date | null, none: string) => (date === null ? none : minutes(isoInTimeZone(date, timeZone)))
  const region = (code: string) => describeRegion(tree, code)
  const rows = [
    ...users.map((user) => [
      user.id,
      user.username,
      user.role,
      time(user.createdAt, ''),
      '—',
      user.disabled ? 'disabled' : user.lockedUntil !== null && user.lockedUntil > now ? `locked until ${time(user.lockedUntil, '')}` : 'active',
      region(user.region),
    ]),
    ...holders.map((holder) => [
      holder.id,
      holder.name,
      holder.kind === 'key' ? 'integrator' : 'screen',
      time(holder.createdAt, ''),
      time(holder.lastUsedAt, 'never'),
      holder.revokedAt === null ? 'active' : `revoked ${time(holder.revokedAt, '')}`,
      holder.playlist === null ? region(holder.region) : `${region(holder.region)}, playlist ${holder.playlist}`,
    ]),
  ]
  return `${alignColumns([HEADER, ...rows]).join('\n')}\n`
}

/** `510100 成都市`; a code outside the tree (the province was changed since) says so. */
export function describeRegion(tree: RegionTree, code: string): string {
  return `${code} ${tree.get(code)?.name ?? '(not a region of this province)'}`
}

/** 2026-12-04T23:10:00.000+08:00 → 2026-12-04T23:10+08:00 */
const minutes = (iso: string) => `${iso.slice(0, 16)}${iso.slice(23)}`

function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? '')))) ?? []
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - displayWidth(cell)))).join('  '))
}

// Han characters and full-width forms take two columns of a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}
