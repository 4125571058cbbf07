// The admin routes (docs/access.md, "Admin routes") as the admin page calls them. Every change
// carries the session's CSRF token; answers are checked against the shared shapes.
import Type from 'typebox'
import {
  AdminTokenHolder,
  AdminUser,
  AuditPage,
  type CreateKeyBody,
  type CreateScreenBody,
  type CreateUserBody,
  CreatedKey,
  CreatedScreen,
  type UpdateUserBody,
} from '../../../shared/admin'
import { CSRF_HEADER } from '../../../shared/session'
import { getJson, sendJson } from '../http/json'

/** What the page shows of a key or screen the moment it is made: the token exists only here. */
export interface CreatedTokenHolder {
  holder: AdminTokenHolder
  token: string
  /** screens only */
  wallUrl: string | null
}

export type TokenHolderKind = 'keys' | 'screens'

const AUDIT_PAGE_SIZE = 50

export class AdminApi {
  readonly #headers: Record<string, string>

  constructor(csrfToken: string) {
    this.#headers = { [CSRF_HEADER]: csrfToken }
  }

  listUsers(): Promise<AdminUser[]> {
    return getJson('/api/v1/users', Type.Array(AdminUser))
  }

  createUser(body: CreateUserBody): Promise<AdminUser> {
    return sendJson('POST', '/api/v1/users', { body, headers: this.#headers, schema: AdminUser })
  }

  updateUser(username: string, changes: UpdateUserBody): Promise<AdminUser> {
    return sendJson('PATCH', `/api/v1/users/${encodeURIComponent(username)}`, { body: changes, headers: this.#headers, schema: AdminUser })
  }

  listTokenHolders(kind: TokenHolderKind): Promise<AdminTokenHolder[]> {
    return getJson(`/api/v1/${kind}`, Type.Array(AdminTokenHolder))
  }

  async createKey(body: CreateKeyBody): Promise<CreatedTokenHolder> {
    const { key, token } = await sendJson('POST', '/api/v1/keys', { body, headers: this.#headers, schema: CreatedKey })
    return { holder: key, token, wallUrl: null }
  }

  async createScreen(body: CreateScreenBody): Promise<CreatedTokenHolder> {
    const { screen, token, wallUrl } = await sendJson('POST', '/api/v1/screens', { body, headers: this.#headers, schema: CreatedScreen })
    return { holder: screen, token, wallUrl }
  }

  async revoke(kind: TokenHolderKind, id: string): Promise<void> {
    await sendJson('DELETE', `/api/v1/${kind}/${encodeURIComponent(id)}`, { headers: this.#headers })
  }

  /** A page of the audit log, newest first; `before` is the previous page's `nextBefore`. */
  auditPage(before: number | null): Promise<AuditPage> {
    const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) })
    if (before !== null) query.set('before', String(before))
    return getJson(`/api/v1/audit?${query}`, AuditPage)
  }
}
