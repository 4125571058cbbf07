/**
 * A problem an operator can fix (bad setting, busy port, unreachable database).
 * `main` prints its message as one line and exits, without a stack trace.
 */
export class StartupError extends Error {
  override name = 'StartupError'
}
