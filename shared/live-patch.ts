// What a delta carries: the changes between two snapshots of a view as a JSON Patch
// (RFC 6902), made on the server and applied on the screen with fast-json-patch.
import jsonpatch, { type Operation } from 'fast-json-patch'

export type { Operation as PatchOperation }

/** What turns `before` into `after`; empty when nothing differs. */
export function changesBetween<T extends object>(before: T, after: T): Operation[] {
  return jsonpatch.compare(before, after)
}

/** A new document with the changes applied; `document` itself is left as it was. */
export function applyChanges<T>(document: T, changes: readonly Operation[]): T {
  return jsonpatch.applyPatch(document, [...changes], false, false).newDocument
}
