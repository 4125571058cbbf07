// Why a login failed, in the page's words: the server's `code` decides, never its English `detail`.
import { HttpError, NetworkError } from '../http/json'
import type { Messages } from '../i18n/messages'
import { wallClock } from '../live/heartbeat'

/** The command centre's clock: server epoch ms now, and its zone's UTC offset. */
export interface ServerTime {
  nowMs: number
  utcOffsetMinutes: number
}

export function loginRefusalText(error: unknown, t: Messages, serverTime: ServerTime): string {
  const words = t.login
  if (error instanceof NetworkError) return words.serverUnreachable
  if (!(error instanceof HttpError)) return words.failed
  switch (error.code) {
    case 'invalid_credentials':
      return words.invalidCredentials
    case 'account_disabled':
      return words.accountDisabled
    case 'account_locked': {
      // Retry-After counts from the server's now, so the unlock time is read on the server's clock.
      const until = error.retryAfterS === null ? null : wallClock(serverTime.nowMs + error.retryAfterS * 1000, serverTime.utcOffsetMinutes).time
      return words.accountLocked(until)
    }
    case 'too_many_requests':
      return words.tooManyRequests(error.retryAfterS)
    default:
      return words.failed
  }
}
