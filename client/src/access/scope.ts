// A principal's scope as the wall keeps to it: its region and everything below, nothing above or
// beside. Read from GB/T 2260 codes as the server's RegionTree.contains reads them (a province's
// subtree shares its first two digits, a city's its first four), so the wall can tell before
// asking; the server still decides, and refuses a read outside the scope with `forbidden`.
import { regionLevelOf } from '../../../shared/region-codes'

export function scopePrefix(scope: string): string {
  const level = regionLevelOf(scope)
  return level === 'province' ? scope.slice(0, 2) : level === 'city' ? scope.slice(0, 4) : scope
}

/** Whether `code` is `scope` or lies below it. */
export function withinScope(scope: string, code: string): boolean {
  return code.startsWith(scopePrefix(scope))
}
