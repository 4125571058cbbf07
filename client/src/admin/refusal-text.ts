// Why an admin request was refused, in the page's words and next to the field it concerns: the
// server's `code` and the fields its problem names decide, never its English `detail`.
import { HttpError, NetworkError } from '../http/json'
import type { AdminMessages } from './admin-messages'

/** The form fields a refusal can be shown next to; null: the form as a whole. */
export type AdminField = 'username' | 'password' | 'role' | 'region' | 'name' | 'playlist'

export interface Refusal {
  field: AdminField | null
  text: string
}

export interface RefusalContext {
  /** what the request sent, to name it back */
  username?: string
  region?: string
  /** the administrator's own scope, to say a region lies outside it */
  scope: string
  /**
   * What a 403 `forbidden` means here. The page is shown only to an administrator, so on a
   * create or change it is the region (outside the scope) or the administrator's own account.
   */
  forbidden?: 'outside_scope' | 'own_account'
}

const FIELDS: readonly AdminField[] = ['username', 'password', 'role', 'region', 'name', 'playlist']

/** "body.region" → "region"; a field of no form (the path, the query) → null. */
function formFieldOf(problemField: string | undefined): AdminField | null {
  const name = problemField?.replace(/^body\./, '').split('.', 1)[0]
  return FIELDS.find((field) => field === name) ?? null
}

export function adminRefusal(error: unknown, t: AdminMessages, context: RefusalContext): Refusal {
  const words = t.refusals
  if (error instanceof NetworkError) return { field: null, text: words.serverUnreachable }
  if (!(error instanceof HttpError)) return { field: null, text: words.failed }
  switch (error.code) {
    case 'invalid_request': {
      const field = formFieldOf(error.fields[0])
      return { field, text: field === null ? words.invalid : fieldProblem(field, t) }
    }
    case 'unknown_region':
      return { field: 'region', text: words.unknownRegion(context.region ?? '') }
    case 'conflict':
      return { field: 'username', text: words.usernameTaken(context.username ?? '') }
    case 'forbidden':
      if (context.forbidden === 'outside_scope') return { field: 'region', text: words.outsideScope(context.region ?? '', context.scope) }
      if (context.forbidden === 'own_account') return { field: null, text: words.ownAccount }
      return { field: null, text: words.forbidden }
    case 'csrf_refused':
      return { field: null, text: words.csrf }
    case 'not_found':
      return { field: null, text: words.notFound }
    case 'unauthenticated':
      return { field: null, text: words.unauthenticated }
    case 'database_unavailable':
      return { field: null, text: words.databaseUnavailable }
    case 'too_many_requests':
      return { field: null, text: words.tooManyRequests }
    default:
      return { field: null, text: words.failed }
  }
}

function fieldProblem(field: AdminField, t: AdminMessages): string {
  const words = t.refusals
  switch (field) {
    case 'username':
      return words.username
    case 'password':
      return words.password
    case 'role':
      return words.role
    case 'region':
      return words.regionFormat
    case 'name':
      return words.name
    case 'playlist':
      return words.playlist
  }
}
