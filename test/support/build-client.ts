// Browser tests drive the same built client that `npm start` serves.
import { execFileSync } from 'node:child_process'

export default function buildClient(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
}
