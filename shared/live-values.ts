// A snapshot as flat paths (`summary.metrics.3.value`) and the changes between two of
// them: what a delta carries, and how a screen applies it. Both ends use these.

/** JSON leaves by dotted path; an empty object or array is a leaf of its own. */
export type FlatValues = Map<string, unknown>

export interface ValueChanges {
  /** paths with a new or changed value */
  set: Record<string, unknown>
  /** paths that no longer exist (a list got shorter, a key went away) */
  removed: string[]
}

export function flatten(value: unknown, into: FlatValues = new Map(), path = ''): FlatValues {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value)
    if (entries.length > 0) {
      for (const [key, item] of entries) flatten(item, into, path === '' ? key : `${path}.${key}`)
      return into
    }
  }
  into.set(path, value)
  return into
}

/** What turns `before` into `after`; `undefined` when nothing differs. */
export function changesBetween(before: FlatValues, after: FlatValues): ValueChanges | undefined {
  const set: Record<string, unknown> = {}
  const removed: string[] = []
  for (const [path, value] of after) if (!sameLeaf(before.get(path), value) || !before.has(path)) set[path] = value
  for (const path of before.keys()) if (!after.has(path)) removed.push(path)
  return Object.keys(set).length === 0 && removed.length === 0 ? undefined : { set, removed }
}

/** Applies changes to flat values in place. */
export function applyChanges(values: FlatValues, { set, removed }: ValueChanges): FlatValues {
  for (const path of removed) values.delete(path)
  for (const [path, value] of Object.entries(set)) values.set(path, value)
  return values
}

// Leaves are primitives, or empty objects and arrays (equal when both are the same kind of empty).
function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b)
}
