// npm run admin as an operator runs it: a real process on the server's configuration, on
// both databases, its effects read back from the database it wrote.
import { spawn } from 'node:child_process'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../../server/access/passwords'
import { hashToken } from '../../../server/access/tokens'
import { loadConfig } from '../../../server/config/config'
import { openDatabase } from '../../../server/db/database'
import type { Database } from '../../../server/db/schema'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'
import { exitOf, killAllStarted, runToExit, startNodeScript, waitForLine, waitUntilReady } from '../../support/processes'

const runAdmin = (env: Record<string, string>, args: string[], input?: string) => runToExit(startNodeScript('server/commands/admin.ts', env, args, input))

/** Opens the database the command wrote, after it has exited: PGlite serves one process at a time. */
async function readBack<T>(env: Record<string, string>, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const config = loadConfig(env)
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await read(handle.db)
  } finally {
    await handle.close()
  }
}

const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1)
const expectRefused = (result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp) => {
  expect(result.code).toBe(1)
  expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^admin: .*${pattern.source}`))])
  expect(result.stdout).toBe('')
}

afterEach(killAllStarted)

describe.each(testDatabaseKinds())('npm run admin on %s', (kind) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await database.drop()
  })

  it('create-user takes the password from standard input and stores only its hash', { timeout: 60_000 }, async () => {
    const result = await runAdmin(database.env, ['create-user', 'liwei', '--role', 'leader', '--region', '510100'], '长江长城黄山黄河 2026\n')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/created user liwei .*leader of 510100 成都市/)
    const user = await readBack(database.env, (db) => db.selectFrom('users').selectAll().where('username', '=', 'liwei').executeTakeFirstOrThrow())
    expect(user).toMatchObject({ role: 'leader', region_code: '510100', disabled: false })
    expect(user.password_hash).not.toContain('长江')
    expect(await verifyPassword('长江长城黄山黄河 2026', user.password_hash)).toBe(true)
    expect(await verifyPassword('长江长城黄山黄河 2026\n', user.password_hash)).toBe(false)
  })

  it('refuses a second user with a taken username, leaving the first as it was', { timeout: 60_000 }, async () => {
    expectRefused(await runAdmin(database.env, ['create-user', 'liwei', '--role', 'admin', '--region', '510000'], 'another password\n'), /username "liwei" is taken/)
    const users = await readBack(database.env, (db) => db.selectFrom('users').select(['username', 'role']).execute())
    expect(users).toEqual([{ username: 'liwei', role: 'leader' }])
  })

  it('create-key prints the key once, alone on the last line, and keeps only its hash', { timeout: 60_000 }, async () => {
    const result = await runAdmin(database.env, ['create-key', 'chengdu-12315', '--region', '510100'])
    expect(result.code).toBe(0)
    const key = lastLine(result.stdout) ?? ''
    expect(key).toMatch(/^rdk_[A-Za-z0-9_-]{43}$/)
    expect(result.stdout.split(key)).toHaveLength(2)
    const rows = await readBack(database.env, (db) => db.selectFrom('api_keys').selectAll().execute())
    expect(rows).toEqual([expect.objectContaining({ name: 'chengdu-12315', region_code: '510100', token_hash: hashToken(key), revoked_at: null })])
    expect(result.stdout).toContain(rows[0]?.id)
  })

  it('create-screen prints its wall URL, then the token alone on the last line', { timeout: 60_000 }, async () => {
    const env = { ...database.env, HOST: '0.0.0.0', PORT: '3456' }
    const single = await runAdmin(env, ['create-screen', 'lobby', '--region', '510104'])
    expect(single.code).toBe(0)
    const [url, token] = single.stdout.trimEnd().split('\n').slice(-2)
    expect(token).toMatch(/^rds_[A-Za-z0-9_-]{43}$/)
    expect(url).toBe(`http://localhost:3456/wall/overview/510104?screen=${token}`)

    const rotating = await runAdmin(env, ['create-screen', 'hall', '--region', '510000', '--playlist', 'overview,campaign'])
    expect(rotating.code).toBe(0)
    const [playlistUrl, playlistToken] = rotating.stdout.trimEnd().split('\n').slice(-2)
    expect(playlistUrl).toBe(`http://localhost:3456/wall?playlist=overview,campaign&regions=510000&screen=${playlistToken}`)
    const screens = await readBack(database.env, (db) => db.selectFrom('screens').select(['name', 'region_code', 'playlist', 'token_hash']).orderBy('created_at').execute())
    expect(screens).toEqual([
      { name: 'lobby', region_code: '510104', playlist: null, token_hash: hashToken(token ?? '') },
      { name: 'hall', region_code: '510000', playlist: 'overview,campaign', token_hash: hashToken(playlistToken ?? '') },
    ])
  })

  it('list shows every user, key and screen, and no hash', { timeout: 60_000 }, async () => {
    const result = await runAdmin(database.env, ['list'])
    expect(result.code).toBe(0)
    const stored = await readBack(database.env, async (db) => ({
      users: await db.selectFrom('users').select(['id', 'password_hash']).execute(),
      keys: await db.selectFrom('api_keys').select(['id', 'token_hash']).execute(),
      screens: await db.selectFrom('screens').select(['id', 'token_hash']).execute(),
    }))
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^id\s+name\s+role\s+created\s+last used\s+state\s+region$/)
    expect(lines.find((line) => line.startsWith(stored.users[0]?.id ?? '?'))).toMatch(/liwei\s+leader\s+.*\s+active\s+510100 成都市$/)
    expect(lines.find((line) => line.startsWith(stored.keys[0]?.id ?? '?'))).toMatch(/chengdu-12315\s+integrator\s+.*\s+never\s+active\s+510100 成都市$/)
    expect(lines.filter((line) => /^scr_/.test(line))).toEqual([expect.stringMatching(/lobby\s+screen .*510104 锦江区$/), expect.stringMatching(/hall\s+screen .*510000 四川省, playlist overview,campaign$/)])
    expect(lines).toHaveLength(1 + 1 + 1 + 2)
    for (const secret of [...stored.users.map((user) => user.password_hash), ...[...stored.keys, ...stored.screens].map((holder) => holder.token_hash)]) {
      expect(result.stdout).not.toContain(secret)
    }
    expect(result.stdout).not.toMatch(/scrypt|rdk_|rds_/)
  })

  it('revoke marks a key revoked; a second revoke changes nothing; an unknown id is refused', { timeout: 60_000 }, async () => {
    const id = await readBack(database.env, async (db) => (await db.selectFrom('api_keys').select('id').executeTakeFirstOrThrow()).id)
    const first = await runAdmin(database.env, ['revoke', id])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(new RegExp(`^revoked integrator key ${id} "chengdu-12315"`))
    const revokedAt = await readBack(database.env, async (db) => (await db.selectFrom('api_keys').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow()).revoked_at)
    expect(revokedAt).toBeInstanceOf(Date)

    const again = await runAdmin(database.env, ['revoke', id])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/already revoked .*nothing changed/)
    const audited = await readBack(database.env, (db) => db.selectFrom('audit_log').select(['action', 'actor']).where('subject', '=', id).orderBy('id').execute())
    expect(audited.map((entry) => entry.action)).toEqual(['key.created', 'key.revoked'])
    expect(audited.every((entry) => entry.actor.startsWith('command:admin ('))).toBe(true)

    expectRefused(await runAdmin(database.env, ['revoke', 'scr_0000000000000000']), /no key or screen has the id "scr_0000000000000000"/)
  })

  it('reset-password replaces the password from standard input; an unknown user is refused', { timeout: 60_000 }, async () => {
    const result = await runAdmin(database.env, ['reset-password', 'liwei'], 'a brand new password\n')
    expect(result.code).toBe(0)
    const hash = await readBack(database.env, async (db) => (await db.selectFrom('users').select('password_hash').where('username', '=', 'liwei').executeTakeFirstOrThrow()).password_hash)
    expect(await verifyPassword('a brand new password', hash)).toBe(true)
    expect(await verifyPassword('长江长城黄山黄河 2026', hash)).toBe(false)
    expectRefused(await runAdmin(database.env, ['reset-password', 'nobody'], 'a brand new password\n'), /no user is named "nobody"/)
  })
})

describe('npm run admin refuses, with one line and exit status 1', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase('pglite')
  })
  afterAll(async () => {
    await database.drop()
  })

  it.each([
    ['an unknown role', ['create-user', 'zhao', '--role', 'superadmin', '--region', '510100'], /unknown role "superadmin"; a user is one of admin, leader, duty_officer, region_officer/],
    ['a token role for a user', ['create-user', 'zhao', '--role', 'integrator', '--region', '510100'], /unknown role "integrator"/],
    ['a region of another province', ['create-user', 'zhao', '--role', 'leader', '--region', '110105'], /region "110105" is not a region of 四川省 \(510000\)/],
    ['a code that names no region', ['create-key', 'feed', '--region', '519999'], /region "519999" is not a region of 四川省/],
    ['a missing region', ['create-screen', 'lobby'], /no --region/],
    ['a playlist naming no screen', ['create-screen', 'lobby', '--region', '510100', '--playlist', 'overview,weather'], /--playlist names no screen "weather"/],
    ['a username that is not lowercase ASCII', ['create-user', 'Zhao Li', '--role', 'leader', '--region', '510100'], /username "Zhao Li" is not/],
    ['an unknown command', ['delete-everything'], /unknown command "delete-everything"; commands: create-user, create-key, create-screen, list, revoke, reset-password/],
  ])('%s', { timeout: 60_000 }, async (_, args, pattern) => {
    expectRefused(await runAdmin(database.env, args, 'long enough password\n'), pattern)
  })

  it.each([
    ['an empty password', '\n', /the password is empty/],
    ['no input at all', '', /the password is empty/],
    ['a short password', '123456789\n', /the password is too short: at least 10 characters/],
  ])('%s, and creates nobody', { timeout: 60_000 }, async (_, input, pattern) => {
    expectRefused(await runAdmin(database.env, ['create-user', 'zhao', '--role', 'leader', '--region', '510100'], input), pattern)
    const users = await readBack(database.env, (db) => db.selectFrom('users').select('username').execute())
    expect(users).toEqual([])
  })

  it('while a server holds the PGlite data folder, saying to stop it first', { timeout: 120_000 }, async () => {
    const server = startNodeScript('server/main.ts', database.env)
    try {
      await waitUntilReady(server)
      expectRefused(await runAdmin(database.env, ['list']), /data folder .* is in use by process \d+; stop it first/)
    } finally {
      server.kill('SIGTERM')
      await exitOf(server)
    }
  })
})

// `script` (Debian's bsdutils, an essential package) gives the command a terminal, as an
// operator's shell does. Where it is missing this test fails rather than being skipped.
describe('npm run admin at a terminal', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase('pglite')
  })
  afterAll(async () => {
    await database.drop()
  })

  it('asks for the password twice without showing it', { timeout: 60_000 }, async () => {
    const command = `${process.execPath} --import tsx server/commands/admin.ts create-user tty-user --role leader --region 510100`
    const terminal = spawn('script', ['-qec', command, '/dev/null'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, REGDECK_DEMO: '0', ...database.env } })
    const finished = runToExit(terminal)
    await waitForLine(terminal, /new password: $/)
    terminal.stdin.write('typed at the terminal\r')
    await waitForLine(terminal, /the same again: $/)
    terminal.stdin.write('typed at the terminal\r')
    const result = await finished
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/created user tty-user/)
    expect(result.stdout).not.toContain('typed at the terminal')
    const hash = await readBack(database.env, async (db) => (await db.selectFrom('users').select('password_hash').where('username', '=', 'tty-user').executeTakeFirstOrThrow()).password_hash)
    expect(await verifyPassword('typed at the terminal', hash)).toBe(true)
  })
})
