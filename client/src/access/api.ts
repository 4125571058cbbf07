import { AccessAnswer } from '../../../shared/session'
import { getJson } from '../http/json'

/** Who this browser is to the server: GET /api/v1/access (docs/access.md). */
export function fetchAccess(signal: AbortSignal): Promise<AccessAnswer> {
  return getJson('/api/v1/access', AccessAnswer, signal)
}
