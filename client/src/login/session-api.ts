// The session routes (docs/access.md, "Logging in"), as the login page calls them.
import { CSRF_HEADER, type LoginBody, SessionAnswer } from '../../../shared/session'
import { HttpError, getJson, sendJson } from '../http/json'

const SESSION_URL = '/api/v1/session'

export function logIn(credentials: LoginBody): Promise<SessionAnswer> {
  return sendJson('POST', SESSION_URL, { body: credentials, schema: SessionAnswer })
}

/** The browser's session, or null when it has none (401 `unauthenticated`). */
export async function currentSession(): Promise<SessionAnswer | null> {
  try {
    return await getJson(SESSION_URL, SessionAnswer)
  } catch (error) {
    if (error instanceof HttpError && error.code === 'unauthenticated') return null
    throw error
  }
}

export async function logOut(csrfToken: string): Promise<void> {
  await sendJson('DELETE', SESSION_URL, { headers: { [CSRF_HEADER]: csrfToken } })
}
