// The embedded demo as a newcomer starts it: `main` makes one account per person's role and
// prints them once, with passwords that log in; a second start on the same data folder makes
// and prints none. On PostgreSQL (DATABASE_URL) there are no default accounts. Real processes.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../support/test-databases'
import { exitOf, killAllStarted, startNodeScript, waitUntilReady } from '../../support/processes'
import { buildTestApp } from '../../support/test-app'

// Cheap: no history, a trickle of live records.
const DEMO_ENV = { REGDECK_DEMO: '1', REGDECK_DEMO_HISTORY_DAYS: '0', REGDECK_DEMO_SPEED: '1' }
const ACCOUNT_LINE = /demo:\s+(\S+)\s+(admin|leader|duty_officer|region_officer)\s+(\d{6}) (\S+)\s+password ([a-z0-9-]+)/g

function startCollecting(env: Record<string, string>) {
  const child = startNodeScript('server/main.ts', { ...DEMO_ENV, ...env })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  return { child, output: () => output }
}

const dataDirs: string[] = []
afterEach(killAllStarted)
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('the embedded demo’s accounts', () => {
  it('are made once per data folder, one per role, printed once with passwords that log in', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-demo-accounts-'))
    dataDirs.push(dataDir)

    const first = startCollecting({ REGDECK_DATA_DIR: dataDir })
    const baseUrl = await waitUntilReady(first.child)
    const accounts = [...first.output().matchAll(ACCOUNT_LINE)].map(([, username, role, code, name, password]) => ({ username, role, code, name, password }))
    expect(accounts.map(({ password, ...rest }) => rest)).toEqual([
      { username: 'admin', role: 'admin', code: '510000', name: '四川省' },
      { username: 'leader', role: 'leader', code: '510000', name: '四川省' },
      { username: 'duty_officer', role: 'duty_officer', code: '510100', name: '成都市' },
      { username: 'region_officer', role: 'region_officer', code: '510104', name: '锦江区' },
    ])
    expect(new Set(accounts.map((account) => account.password)).size).toBe(4)
    expect(first.output()).toMatch(/anonymous viewing is on: anyone who opens the wall reads 四川省 \(510000\) without logging in/)
    // The block comes before the ready line, so a newcomer sees both together.
    expect(first.output().indexOf('demo: accounts made')).toBeLessThan(first.output().indexOf('RegDeck is ready'))

    for (const account of accounts) {
      const login = await fetch(`${baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: account.username, password: account.password }),
      })
      expect(login.status, account.username).toBe(200)
      expect(((await login.json()) as { user: unknown }).user).toEqual({ username: account.username, role: account.role, region: account.code })
    }
    first.child.kill('SIGTERM')
    expect(await exitOf(first.child)).toBe(0)

    const second = startCollecting({ REGDECK_DATA_DIR: dataDir })
    await waitUntilReady(second.child)
    expect(second.output()).not.toContain('demo: accounts made')
    expect([...second.output().matchAll(ACCOUNT_LINE)]).toEqual([])
    second.child.kill('SIGTERM')
    expect(await exitOf(second.child)).toBe(0)

    // Left as they were: the first start's passwords still log in.
    const app = await buildTestApp({ REGDECK_DATA_DIR: dataDir })
    try {
      const users = await app.database.db.selectFrom('users').select(['username', 'role', 'region_code']).orderBy('username').execute()
      expect(users).toHaveLength(4)
      const created = await app.database.db.selectFrom('audit_log').select(['actor', 'subject']).where('action', '=', 'user.created').execute()
      expect(created.map((entry) => entry.actor)).toEqual(['server:demo', 'server:demo', 'server:demo', 'server:demo'])
    } finally {
      await app.close()
    }
  }, 120_000)

  it('are not made with a DATABASE_URL: the admin command makes the first admin', async () => {
    const database = await createTestDatabase('postgres')
    try {
      const started = startCollecting(database.env)
      await waitUntilReady(started.child)
      started.child.kill('SIGTERM')
      expect(await exitOf(started.child)).toBe(0)
      expect(started.output()).not.toContain('demo: accounts made')
      expect(started.output()).not.toContain('anonymous viewing is on')
      const app = await buildTestApp(database.env)
      try {
        expect(await app.database.db.selectFrom('users').select('username').execute()).toEqual([])
      } finally {
        await app.close()
      }
    } finally {
      await database.drop()
    }
  }, 120_000)
})
