// Reads return fresh objects; a view keeps the objects of its last snapshot wherever
// nothing changed, so that the diff after a tick passes over unchanged parts at once
// (it stops where both sides are the same object) and what the view holds stays small.

/**
 * `fresh` with every part that deep-equals the same place in `previous` replaced by
 * the previous object; `previous` itself when nothing differs. One pass over `fresh`;
 * a fresh object is written to only where a part of it is replaced.
 */
export function sharingUnchanged<T>(previous: T, fresh: T): T {
  return share(previous, fresh) as T
}

function share(previous: unknown, fresh: unknown): unknown {
  if (previous === fresh || typeof previous !== 'object' || previous === null || typeof fresh !== 'object' || fresh === null) return fresh
  if (Array.isArray(fresh)) return Array.isArray(previous) ? shareItems(previous, fresh) : fresh
  if (Array.isArray(previous)) return fresh
  return shareFields(previous as Record<string, unknown>, fresh as Record<string, unknown>)
}

function shareItems(previous: unknown[], fresh: unknown[]): unknown[] {
  let same = previous.length === fresh.length
  for (let index = 0; index < fresh.length; index++) {
    const part = index < previous.length ? share(previous[index], fresh[index]) : fresh[index]
    if (part !== fresh[index]) fresh[index] = part
    if (part !== previous[index]) same = false
  }
  return same ? previous : fresh
}

function shareFields(previous: Record<string, unknown>, fresh: Record<string, unknown>): Record<string, unknown> {
  let same = true
  let fields = 0
  for (const key in fresh) {
    fields += 1
    const part = key in previous ? share(previous[key], fresh[key]) : fresh[key]
    if (part !== fresh[key]) fresh[key] = part
    if (part !== previous[key] || !(key in previous)) same = false
  }
  if (same) for (const _key in previous) fields -= 1
  return same && fields === 0 ? previous : fresh
}
