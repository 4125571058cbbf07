// The live socket's word on access, read apart from the socket so it can be tested without one.
import type { LiveAccessEnded, LiveConnectErrorCode } from '../../../shared/live'

/** Why the server will not let this browser read on the socket: ended access, or a handshake refused for good. */
export type LiveAccessEnd = LiveAccessEnded['reason'] | Exclude<LiveConnectErrorCode, 'unavailable'>

/** The connect_error's code when the server's middleware refused the handshake; null for a transport failure (which socket.io retries itself). */
export function handshakeRefusal(error: unknown, active: boolean): LiveConnectErrorCode | null {
  // A middleware refusal destroys the socket (`active` false); a transport failure leaves it reconnecting.
  if (active) return null
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code
  return code === 'unauthenticated' || code === 'forbidden' || code === 'unavailable' ? code : null
}
