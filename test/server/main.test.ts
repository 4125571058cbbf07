// `main` as an operator meets it: a real process, real signals, one clear line when a setting is wrong.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exitOf, killAllStarted, runToExit, startNodeScript, waitForLine } from '../support/processes'

const startMain = (env: Record<string, string>) => startNodeScript('server/main.ts', env)
const failureOf = (env: Record<string, string>) => runToExit(startMain(env))

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-main-'))
}

afterEach(killAllStarted)

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
    expect(await exitOf(child)).toBe(0)
    expect(fs.existsSync(path.join(dataDir, 'regdeck.pid'))).toBe(false)
  })
})
