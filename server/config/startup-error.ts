/**
 * A problem an operator can fix (bad setting, busy port, unreachable database).
 * `main` prints its message as one line and exits, without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError'
}

/** One line an operator can act on; a stack trace only for what is truly unexpected. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof StartupError) return error.message
  const { code, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number }
  if (code === 'EADDRINUSE') return `port in use: ${address}:${port} is taken by another program (set PORT to a free port)`
  if (code === 'EACCES') return `permission denied: ${(error as Error).message}`
  if (code === 'EADDRNOTAVAIL') return `HOST is not an address of this machine: ${(error as Error).message}`
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}
