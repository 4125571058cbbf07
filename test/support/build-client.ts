// Browser tests drive the same built client that `npm start` serves: built once per test run,
// however many projects open it.
import { execFileSync } from 'node:child_process'

const BUILT_IN_THIS_RUN = 'REGDECK_TEST_CLIENT_BUILT'

export default function buildClient(): void {
  if (process.env[BUILT_IN_THIS_RUN] === String(process.pid)) return
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
  process.env[BUILT_IN_THIS_RUN] = String(process.pid)
}
