// The first step of `npm test`: the browser tests need Chromium and CJK fonts (a wall
// without them draws tofu). Installs what is missing from Debian's packages when it
// can (root with apt-get), else stops at once with the one command that installs it,
// rather than letting the suite fail deep inside a browser test.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const PACKAGES = { chromium: 'chromium', fonts: 'fonts-noto-cjk' } as const

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

function hasCjkFonts(): boolean {
  if (!onPath('fc-list')) return false
  const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  return listed.status === 0 && listed.stdout.trim() !== ''
}

function missingPackages(): string[] {
  const missing: string[] = []
  if (!isExecutable(CHROMIUM_PATH)) missing.push(PACKAGES.chromium)
  if (!hasCjkFonts()) missing.push(PACKAGES.fonts)
  return missing
}

function apt(args: string[]): boolean {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  return run.status === 0
}

function main(): number {
  const missing = missingPackages()
  if (missing.length === 0) return 0
  const canInstall = process.getuid?.() === 0 && onPath('apt-get')
  if (canInstall) {
    process.stdout.write(`npm test: installing ${missing.join(' ')} (Debian packages) for the browser tests\n`)
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', '--no-install-recommends', ...missing])) {
      const still = missingPackages()
      if (still.length === 0) return 0
      missing.splice(0, missing.length, ...still)
    }
  }
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  process.stderr.write(
    [
      `npm test: the browser tests need ${missing.join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not on this machine${canInstall ? ' and could not be installed' : ''}.`,
      'Install with:',
      '',
      `  ${sudo}apt-get install -y ${missing.join(' ')}`,
      '',
      missing.includes(PACKAGES.chromium) ? 'or point CHROMIUM_PATH at a Chromium of your own.' : '',
    ].join('\n') + '\n',
  )
  return 1
}

process.exitCode = main()
