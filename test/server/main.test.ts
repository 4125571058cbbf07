// `main` as an operator meets it: a real process, real signals, one clear line when a setting is wrong.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const tsx = path.resolve('node_modules/.bin/tsx')
const running: ChildProcess[] = []

function startMain(env: Record<string, string>): ChildProcess {
  const child = spawn(tsx, ['server/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, REGDECK_DEMO: '0', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  return child
}

async function failureOf(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = startMain(env)
  let stderr = ''
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, stderr }
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-main-'))
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL')
})

describe('bad configuration stops with one line naming the problem', () => {
  const expectOneLine = (result: { code: number | null; stderr: string }, pattern: RegExp) => {
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(pattern)
  }

  it('unknown province code', async () => {
    expectOneLine(await failureOf({ REGDECK_PROVINCE: '990000', REGDECK_DATA_DIR: tempDir() }), /^regdeck: unknown province code 990000/)
  })

  it('malformed province code', async () => {
    expectOneLine(await failureOf({ REGDECK_PROVINCE: '510100', REGDECK_DATA_DIR: tempDir() }), /^regdeck: invalid configuration: REGDECK_PROVINCE must be a province-level GB\/T 2260 code/)
  })

  it('unreachable DATABASE_URL', async () => {
    expectOneLine(await failureOf({ DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/regdeck' }), /^regdeck: cannot reach the PostgreSQL server at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/regdeck/)
  })

  it('unwritable data folder', async () => {
    const file = path.join(tempDir(), 'not-a-folder')
    fs.writeFileSync(file, '')
    expectOneLine(await failureOf({ REGDECK_DATA_DIR: path.join(file, 'data') }), /^regdeck: data folder .*not-a-folder\/data is not writable \(ENOTDIR\)/)
  })

  it('port in use', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      expectOneLine(await failureOf({ PORT: String(port), REGDECK_DATA_DIR: tempDir() }), new RegExp(`^regdeck: port in use: 127\\.0\\.0\\.1:${port}`))
    } finally {
      blocker.close()
    }
  })

  it('a second server on the same data folder', async () => {
    const dataDir = tempDir()
    const first = startMain({ REGDECK_DATA_DIR: dataDir })
    await waitForLine(first, /RegDeck is ready/)
    expectOneLine(await failureOf({ REGDECK_DATA_DIR: dataDir }), /^regdeck: data folder .* is in use by process \d+/)
  })
})

describe('lifecycle', () => {
  it('prints where the data lives and the URL, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = tempDir()
    const child = startMain({ REGDECK_DATA_DIR: dataDir })
    const output = await waitForLine(child, /RegDeck is ready: http:\/\/localhost:\d+\/wall/)
    expect(output).toContain(path.join(dataDir, 'pglite'))
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'regdeck.pid'))).toBe(false)
  })
})

export async function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (pattern.test(output)) {
        clearTimeout(timer)
        resolve(output)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${output}`))
    })
  })
}
