// What every section of the admin page is given by the page: the routes, who administers, and
// what its scope holds.
import { HttpError } from '../http/json'
import type { AdminApi } from './admin-api'
import type { RefusalContext } from './refusal-text'
import type { RegionName } from './region-names'

export interface AdminContext {
  api: AdminApi
  /** the administrator's own username */
  username: string
  /** the administrator's scope: a region code */
  scope: string
  /** the regions it may grant (its scope), for the region picker; empty until the names load */
  grantable: readonly RegionName[]
  /** a region's name, or null when not known */
  regionName(code: string): string | null
  /** the session ended (401): to the login page, back here after */
  sessionEnded(): void
}

/** A refusal kept as it came, so its words follow the language switch. */
export interface HeldRefusal {
  error: unknown
  context: RefusalContext
}

/** A refusal to show, or null when the session ended and the page is leaving for the login. */
export function holdRefusal(admin: AdminContext, error: unknown, context: Omit<RefusalContext, 'scope'> = {}): HeldRefusal | null {
  if (error instanceof HttpError && error.code === 'unauthenticated') {
    admin.sessionEnded()
    return null
  }
  return { error, context: { ...context, scope: admin.scope } }
}
