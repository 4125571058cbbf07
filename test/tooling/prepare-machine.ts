// The first step of `npm test`: the browser tests need Chromium (no CJK fonts: the client
// ships its own, and test/browser/fonts.test.ts hides the machine's). Installs it from Debian's
// packages when it can (root with apt-get), else stops at once with the one command that
// installs it, rather than letting the suite fail deep inside a browser test.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, command)))
}

function apt(args: string[]): boolean {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  return run.status === 0
}

function main(): number {
  if (isExecutable(CHROMIUM_PATH)) return 0
  const canInstall = process.getuid?.() === 0 && onPath('apt-get')
  if (canInstall) {
    process.stdout.write('npm test: installing chromium (Debian package) for the browser tests\n')
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) && isExecutable(CHROMIUM_PATH)) return 0
  }
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  process.stderr.write(
    [
      `npm test: the browser tests need chromium, which is not on this machine${canInstall ? ' and could not be installed' : ''}.`,
      'Install with:',
      '',
      `  ${sudo}apt-get install -y chromium`,
      '',
      'or point CHROMIUM_PATH at a Chromium of your own.',
    ].join('\n') + '\n',
  )
  return 1
}

process.exitCode = main()
