// What every npm command shares with `main`: an operator's problem is one line
// named after the command, anything unexpected its stack, and the exit status says which.
import { describeStartupFailure } from '../config/startup-error'

/** Runs `command`, then exits with the status it returns, or with 1 after one line on stderr. */
export function runCommand(name: string, command: () => Promise<number>): void {
  command().then(
    (exitCode) => process.exit(exitCode),
    (error: unknown) => {
      process.stderr.write(`${name}: ${describeStartupFailure(error)}\n`)
      process.exit(1)
    },
  )
}
