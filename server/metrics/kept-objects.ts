// Objects kept from the last read, handed back whenever a fresh one equals them field by
// field. Reads made again and again (a live tick's) then return the very same objects
// for what did not change, so that a diff passes over them at once. Kept per slot (one
// summary, one breakdown) and by position in it, so that no key is built per value. The
// HTTP reads keep nothing.
export interface KeptSlot {
  /** `fresh`, or the object kept at `place` if it has the same fields with the same values */
  same<T extends object>(place: number, fresh: T): T
}

export interface ObjectKeeper {
  slot(key: string): KeptSlot
}

const PASS_THROUGH: KeptSlot = { same: (_place, fresh) => fresh }
export const KEEP_NOTHING: ObjectKeeper = { slot: () => PASS_THROUGH }

class Slot implements KeptSlot {
  readonly #kept: object[] = []

  same<T extends object>(place: number, fresh: T): T {
    const kept = this.#kept[place]
    if (kept !== undefined && shallowEqual(kept, fresh)) return kept as T
    this.#kept[place] = fresh
    return fresh
  }
}

export class KeptObjects implements ObjectKeeper {
  readonly #slots = new Map<string, Slot>()

  slot(key: string): KeptSlot {
    let slot = this.#slots.get(key)
    if (slot === undefined) this.#slots.set(key, (slot = new Slot()))
    return slot
  }

  clear(): void {
    this.#slots.clear()
  }
}

/** Same own fields (arrays: same items), each the same value or the same object. */
function shallowEqual(a: object, b: object): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
    return true
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let fields = 0
  for (const key in left) {
    if (left[key] !== right[key] || !(key in right)) return false
    fields += 1
  }
  for (const _key in right) fields -= 1
  return fields === 0
}
