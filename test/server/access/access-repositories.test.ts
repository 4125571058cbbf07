// Users, keys, screens and the audit log on both databases: what is stored (hashes only),
// what is found (nothing revoked), and that every change is audited in its own transaction.
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../../server/access/tokens'
import { createTokenHolder, findActiveTokenHolder, listTokenHolders, revokeTokenHolder, touchLastUsed } from '../../../server/access/token-holders-repository'
import { findActiveSession, startSession } from '../../../server/access/sessions-repository'
import { createUser, listUsers, resetPassword } from '../../../server/access/users-repository'
import { loadConfig } from '../../../server/config/config'
import { type DatabaseHandle, openDatabase } from '../../../server/db/database'
import type { Database } from '../../../server/db/schema'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'

const ACTOR = 'test:repositories'

describe.each(testDatabaseKinds())('access repositories on %s', (kind) => {
  let database: TestDatabase
  let handle: DatabaseHandle
  let db: Kysely<Database>
  const auditOf = (subject: string) => db.selectFrom('audit_log').select(['actor', 'action', 'detail']).where('subject', '=', subject).orderBy('id').execute()

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    const config = loadConfig(database.env)
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    db = handle.db
  })
  afterAll(async () => {
    await handle.close()
    await database.drop()
  })

  describe('users', () => {
    it('creates a user, lists it without its hash, and audits the creation', async () => {
      const account = await createUser(db, { username: 'wangfang', passwordHash: 'scrypt$stand-in', role: 'duty_officer', region: '510100' }, ACTOR)
      expect(account).toMatchObject({ username: 'wangfang', role: 'duty_officer', region: '510100', disabled: false, failedLogins: 0, lockedUntil: null })
      expect(account?.id).toMatch(/^usr_/)
      const listed = (await listUsers(db)).find((user) => user.username === 'wangfang')
      expect(listed).toEqual(account)
      expect(JSON.stringify(listed)).not.toContain('stand-in')
      expect(await auditOf('wangfang')).toEqual([{ actor: ACTOR, action: 'user.created', detail: { role: 'duty_officer', region: '510100' } }])
    })

    it('answers a taken username with undefined, changing and auditing nothing', async () => {
      const before = await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
      expect(await createUser(db, { username: 'wangfang', passwordHash: 'other', role: 'admin', region: '510000' }, ACTOR)).toBeUndefined()
      const stored = await db.selectFrom('users').select(['role', 'password_hash']).where('username', '=', 'wangfang').executeTakeFirstOrThrow()
      expect(stored).toEqual({ role: 'duty_officer', password_hash: 'scrypt$stand-in' })
      expect(await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).toEqual(before)
    })

    it('refuses a role outside the user roles at the database too', async () => {
      const insert = (role: string) => db.insertInto('users').values({ id: `usr_${role}`, username: `as-${role}`, password_hash: 'x', role, region_code: '510100' }).execute()
      for (const role of ['screen', 'integrator', 'superadmin']) await expect(insert(role), role).rejects.toThrow(/check constraint/)
    })

    it('resets a password, ends its sessions, lifts a lockout, and audits it', async () => {
      await db.updateTable('users').set({ failed_logins: 5, locked_until: new Date(Date.now() + 3_600_000) }).where('username', '=', 'wangfang').execute()
      const { id } = await db.selectFrom('users').select('id').where('username', '=', 'wangfang').executeTakeFirstOrThrow()
      const session = await startSession(db, id, undefined)
      expect(await findActiveSession(db, session.sessionId)).toBeDefined()
      expect(await resetPassword(db, 'wangfang', 'scrypt$new', ACTOR)).toBe(true)
      expect(await findActiveSession(db, session.sessionId)).toBeUndefined()
      const stored = await db.selectFrom('users').select(['password_hash', 'failed_logins', 'locked_until']).where('username', '=', 'wangfang').executeTakeFirstOrThrow()
      expect(stored).toEqual({ password_hash: 'scrypt$new', failed_logins: 0, locked_until: null })
      expect((await auditOf('wangfang')).map((entry) => entry.action)).toEqual(['user.created', 'user.password_reset'])
      expect(await resetPassword(db, 'nobody', 'scrypt$new', ACTOR)).toBe(false)
      expect(await auditOf('nobody')).toEqual([])
    })

    it('creates nothing when its audit row cannot be written: the two share one transaction', async () => {
      await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused for the test'; end $$`.execute(db)
      await sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`.execute(db)
      try {
        await expect(createUser(db, { username: 'unaudited', passwordHash: 'x', role: 'leader', region: '510100' }, ACTOR)).rejects.toThrow(/audit refused/)
        await expect(createTokenHolder(db, { kind: 'key', name: 'unaudited', region: '510100' }, ACTOR)).rejects.toThrow(/audit refused/)
        expect(await db.selectFrom('users').select('id').where('username', '=', 'unaudited').execute()).toEqual([])
        expect(await db.selectFrom('api_keys').select('id').where('name', '=', 'unaudited').execute()).toEqual([])
      } finally {
        await sql`drop trigger refuse_audit on audit_log`.execute(db)
        await sql`drop function refuse_audit()`.execute(db)
      }
    })
  })

  describe('keys and screens', () => {
    it('keeps only the hash of a key: its token is found by hash, and appears in no column', async () => {
      const { id, token } = await createTokenHolder(db, { kind: 'key', name: '成都 12315 feed', region: '510100' }, ACTOR)
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(row.token_hash).toBe(hashToken(token))
      expect(JSON.stringify(row)).not.toContain(token)
      expect(await findActiveTokenHolder(db, 'key', hashToken(token))).toMatchObject({ id, kind: 'key', name: '成都 12315 feed', region: '510100', playlist: null, revokedAt: null })
      // a key's token is not a screen's
      expect(await findActiveTokenHolder(db, 'screen', hashToken(token))).toBeUndefined()
      expect(await auditOf(id)).toEqual([{ actor: ACTOR, action: 'key.created', detail: { name: '成都 12315 feed', region: '510100', playlist: null } }])
    })

    it('keeps a screen with its playlist', async () => {
      const { id, token } = await createTokenHolder(db, { kind: 'screen', name: 'lobby', region: '510104', playlist: 'overview,campaign' }, ACTOR)
      expect(await findActiveTokenHolder(db, 'screen', hashToken(token))).toMatchObject({ id, kind: 'screen', region: '510104', playlist: 'overview,campaign' })
      expect((await listTokenHolders(db)).map((holder) => [holder.kind, holder.name])).toEqual([
        ['key', '成都 12315 feed'],
        ['screen', 'lobby'],
      ])
    })

    it('notes the last use of a token', async () => {
      const { id, token } = await createTokenHolder(db, { kind: 'screen', name: 'hall', region: '510000' }, ACTOR)
      expect((await findActiveTokenHolder(db, 'screen', hashToken(token)))?.lastUsedAt).toBeNull()
      const before = Date.now()
      await touchLastUsed(db, 'screen', id)
      const lastUsed = (await findActiveTokenHolder(db, 'screen', hashToken(token)))?.lastUsedAt
      expect(lastUsed?.getTime()).toBeGreaterThanOrEqual(before - 5_000)
    })

    it.each(['key', 'screen'] as const)('revokes a %s: its token finds nothing from then on, and a second revocation changes nothing', async (holderKind) => {
      const { id, token } = await createTokenHolder(db, { kind: holderKind, name: `to revoke (${holderKind})`, region: '510100' }, ACTOR)
      const outcome = await revokeTokenHolder(db, id, ACTOR)
      expect('revoked' in outcome && outcome.revoked.revokedAt).toBeInstanceOf(Date)
      expect(await findActiveTokenHolder(db, holderKind, hashToken(token))).toBeUndefined()
      expect(await revokeTokenHolder(db, id, ACTOR)).toMatchObject({ alreadyRevoked: { id } })
      expect((await auditOf(id)).map((entry) => entry.action)).toEqual([`${holderKind}.created`, `${holderKind}.revoked`])
    })

    it('knows no id it did not issue', async () => {
      for (const id of ['key_0000000000000000', 'scr_0000000000000000', 'usr_0000000000000000', 'wangfang']) {
        expect(await revokeTokenHolder(db, id, ACTOR), id).toEqual({ unknown: true })
      }
    })
  })

  describe('the audit log', () => {
    it('refuses UPDATE, DELETE and TRUNCATE, and keeps its rows', async () => {
      const before = await db.selectFrom('audit_log').selectAll().orderBy('id').execute()
      expect(before.length).toBeGreaterThan(0)
      await expect(sql`update audit_log set actor = 'someone else'`.execute(db)).rejects.toThrow(/append-only: UPDATE refused/)
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only: DELETE refused/)
      await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only: TRUNCATE refused/)
      expect(await db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before)
    })
  })
})
