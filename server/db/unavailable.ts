// Errors that say the database cannot be reached now (down, restarting, unreachable),
// as opposed to errors of a statement: the first kind is worth a retry later.

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'])
// PostgreSQL SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is connection exceptions.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03'])
// node-postgres says these in words only.
const MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection is not open/i]

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable)
  return MESSAGES.some((pattern) => pattern.test(error.message))
}
