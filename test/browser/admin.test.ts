// /admin as an administrator uses it, in Chromium against a real server under its
// Content-Security-Policy: the login page leads there and back, users are made inside the scope
// and refused outside it in the page's words, a key's token is shown once and the key revoked,
// the audit log pages back, and a leader is told it has no admin rights and shown no data.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { writeAudit } from '../../server/access/audit-log'
import { hashPassword } from '../../server/access/passwords'
import { createUser } from '../../server/access/users-repository'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { screenshotPath } from '../support/browser'

const PASSWORD = 'correct horse battery'
// Cheap to check: a hash carries its own cost, and these tests log in often.
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
/** Chengdu's administrator: its scope is 510100, so Mianyang (510700) lies outside it. */
const ADMIN = 'chengdu-admin'
const LEADER = 'liwei'
/** whose password is reset and who is disabled and enabled again */
const OFFICER = 'zhaolei'
/** More audit entries than one page (50) holds, so the page must ask for older ones. */
const EARLIER_LOGINS = 60

let browsed: BrowsedApp
let page: Page
let baseUrl: string
let refused: string[]

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_HEARTBEAT_MS: '1000' }, async (app) => {
    const passwordHash = await hashPassword(PASSWORD, TEST_COST)
    await createUser(app.database.db, { username: ADMIN, passwordHash, role: 'admin', region: '510100' }, 'test:admin')
    await createUser(app.database.db, { username: LEADER, passwordHash, role: 'leader', region: '510100' }, 'test:admin')
    await createUser(app.database.db, { username: OFFICER, passwordHash, role: 'duty_officer', region: '510104' }, 'test:admin')
    for (let i = 0; i < EARLIER_LOGINS; i++) await writeAudit(app.database.db, { actor: `user:${LEADER}`, action: 'user.logged_in', subject: LEADER, detail: { ip: '10.0.0.7' } })
  })
  ;({ page, baseUrl, refused } = browsed)
})

afterAll(() => browsed?.close())

beforeEach(async () => {
  await page.context().clearCookies()
  await page.setViewportSize({ width: 1920, height: 1080 })
  refused.length = 0
})

const admin = () => page.locator('[data-admin]')
const createUserForm = () => page.locator('[data-create-user]')
const fieldRefusal = (name: string) => page.locator(`[data-field-refusal="${name}"]`)
const userRow = (username: string) => page.locator(`[data-users] tr[data-user="${username}"]`)

/** Opens /admin without a session, which leads to the login page; logs in there and lands back on /admin. */
async function logInToAdmin(username: string): Promise<void> {
  const response = await page.goto(`${baseUrl}/admin`)
  expect(response?.status()).toBe(200)
  expect(response?.headers()['content-security-policy']).toMatch(/default-src 'self'/)
  await page.waitForURL(`${baseUrl}/login?next=%2Fadmin`)
  await page.locator('[data-login-form] input[name="username"]').fill(username)
  await page.locator('[data-login-form] input[name="password"]').fill(PASSWORD)
  await page.locator('[data-login-form] input[name="password"]').press('Enter')
  await page.waitForURL(`${baseUrl}/admin`)
}

async function openSection(name: 'users' | 'keys' | 'screens' | 'audit'): Promise<void> {
  await page.locator(`[data-section-tab="${name}"]`).click()
  await page.locator(`[data-section="${name}"]`).waitFor()
}

async function createUserThrough(fields: { username: string; password: string; role: string; region: string }): Promise<void> {
  const form = createUserForm()
  await form.locator('input[name="username"]').fill(fields.username)
  await form.locator('input[name="password"]').fill(fields.password)
  await form.locator('select[name="role"]').selectOption(fields.role)
  await form.locator('input[name="region"]').fill(fields.region)
  await form.locator('button[type="submit"]').click()
}

describe('/admin', () => {
  it('sends a browser without a session to the login page, and back to /admin after it', async () => {
    await logInToAdmin(ADMIN)
    await expect.poll(() => page.locator('[data-signed-in]').textContent()).toMatch(/chengdu-admin · 系统管理员 · 辖区 成都市（510100）/)
    await expect.poll(() => userRow(ADMIN).textContent()).toMatch(/chengdu-admin.*系统管理员.*成都市\s*510100.*正常/s)
    await expect.poll(() => userRow(LEADER).textContent()).toMatch(/liwei.*领导/s)
    await page.screenshot({ path: screenshotPath('admin-users-1920x1080') })
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.screenshot({ path: screenshotPath('admin-users-1366x768') })
    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.screenshot({ path: screenshotPath('admin-users-3840x2160') })
    expect(refused).toEqual([])
  })

  it('creates a user inside its scope and lists it, the region named', async () => {
    await logInToAdmin(ADMIN)
    // the region picker offers the scope's regions by name, and nothing outside it
    await expect.poll(() => page.locator('datalist#user-regions option').count()).toBeGreaterThan(1)
    const offered = await page.locator('datalist#user-regions option').evaluateAll((options) => options.map((option) => `${(option as HTMLOptionElement).value} ${option.textContent}`))
    expect(offered).toContain('510100 成都市')
    expect(offered).toContain('510104 锦江区')
    expect(offered.every((option) => option.startsWith('5101'))).toBe(true)
    await createUserForm().locator('input[name="region"]').fill('510104')
    await expect.poll(() => createUserForm().locator('[data-region-named]').textContent()).toBe('锦江区')
    await createUserThrough({ username: 'wangfang', password: PASSWORD, role: 'region_officer', region: '510104' })
    await expect.poll(() => page.locator('[data-done]').textContent()).toBe('已创建用户 wangfang')
    await expect.poll(() => userRow('wangfang').textContent()).toMatch(/wangfang.*属地人员.*锦江区\s*510104.*正常/s)
    // the form is cleared for the next one
    expect(await createUserForm().locator('input[name="username"]').inputValue()).toBe('')
    // and the list read afresh when the tab is shown again
    await openSection('keys')
    await openSection('users')
    await expect.poll(() => userRow('wangfang').count()).toBe(1)
    expect(refused).toEqual([])
  })

  it('refuses a region outside its scope, an unknown region and a short password next to the field, in Chinese, then English', async () => {
    await logInToAdmin(ADMIN)
    await createUserThrough({ username: 'zhouqiang', password: PASSWORD, role: 'leader', region: '510700' })
    await expect.poll(() => fieldRefusal('region').textContent()).toBe('地区 510700 不在您的辖区 510100 内，无权授予')
    await page.screenshot({ path: screenshotPath('admin-refusal-1920x1080') })
    await page.locator('button[aria-label="Switch to English"]').click()
    await expect.poll(() => fieldRefusal('region').textContent()).toBe('Region 510700 lies outside your scope 510100: you cannot grant it')
    // regions named in English too, as on the wall
    await expect.poll(() => createUserForm().locator('[data-region-named]').textContent()).toBe('Mianyang')
    await expect.poll(() => userRow(OFFICER).textContent()).toMatch(/Jinjiang District\s*510104/)
    await page.screenshot({ path: screenshotPath('admin-refusal-en-1920x1080') })
    await page.locator('button[aria-label="切换到中文"]').click()

    await createUserForm().locator('input[name="region"]').fill('519999')
    await createUserForm().locator('button[type="submit"]').click()
    await expect.poll(() => fieldRefusal('region').textContent()).toBe('地区代码 519999 不是本省的地区')

    await createUserForm().locator('input[name="region"]').fill('510104')
    await createUserForm().locator('input[name="password"]').fill('short')
    await createUserForm().locator('button[type="submit"]').click()
    await expect.poll(() => fieldRefusal('password').textContent()).toBe('密码须为 10–256 个字符')
    expect(await fieldRefusal('region').count()).toBe(0)
    expect(await userRow('zhouqiang').count()).toBe(0)
    expect(refused).toEqual([])
  })

  it('resets a password, disables and enables a user, but will not disable its own account', async () => {
    await logInToAdmin(ADMIN)
    await userRow(OFFICER).locator('[data-reset-password]').click()
    await page.locator('[data-reset-form] input[name="new-password"]').fill('short')
    await page.locator('[data-reset-form] button[type="submit"]').click()
    await expect.poll(() => fieldRefusal('new-password').textContent()).toBe('密码须为 10–256 个字符')
    await page.locator('[data-reset-form] input[name="new-password"]').fill('another horse battery')
    await page.locator('[data-reset-form] button[type="submit"]').click()
    await expect.poll(() => page.locator('[data-done]').textContent()).toBe('已重置 zhaolei 的密码，其登录会话已全部结束')
    expect(await page.locator('[data-reset-form]').count()).toBe(0)

    await userRow(OFFICER).locator('[data-toggle-disabled]').click()
    await expect.poll(() => userRow(OFFICER).locator('[data-status]').textContent()).toBe('已停用')
    await userRow(OFFICER).locator('[data-toggle-disabled]').click()
    await expect.poll(() => userRow(OFFICER).locator('[data-status]').textContent()).toBe('正常')

    await userRow(ADMIN).locator('[data-toggle-disabled]').click()
    await expect.poll(() => page.locator('[data-list-refusal]').textContent()).toBe('不能停用自己的账号或取消自己的管理员角色，请由其他管理员操作')
    expect(await userRow(ADMIN).locator('[data-status]').textContent()).toBe('正常')
    expect(refused).toEqual([])
  })

  it('shows a new key once, lists it, and revokes it after a confirm', async () => {
    await logInToAdmin(ADMIN)
    await openSection('keys')
    const form = page.locator('[data-create-holder="keys"]')
    await form.locator('input[name="name"]').fill('chengdu-12315')
    await form.locator('input[name="region"]').fill('510100')
    await form.locator('button[type="submit"]').click()
    const shown = page.locator('[data-created-token]')
    await expect.poll(() => shown.locator('[data-token]').textContent()).toMatch(/^rdk_[A-Za-z0-9_-]{40,}$/)
    const token = (await shown.locator('[data-token]').textContent()) ?? ''
    expect(await shown.textContent()).toMatch(/不会再显示/)
    await shown.locator('[data-copy-token]').click()
    await expect.poll(() => shown.locator('[data-copy-token]').textContent()).toMatch(/已复制/)
    const row = page.locator('[data-holders="keys"] tr[data-holder="chengdu-12315"]')
    await expect.poll(() => row.textContent()).toMatch(/chengdu-12315.*成都市\s*510100.*有效/s)
    await page.screenshot({ path: screenshotPath('admin-key-created-1920x1080') })
    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.screenshot({ path: screenshotPath('admin-key-created-3840x2160') })
    await page.setViewportSize({ width: 1920, height: 1080 })

    await shown.locator('[data-token-done]').click()
    await form.waitFor()
    expect(await page.content()).not.toContain(token)
    const accessWith = (key: string) => page.evaluate(async (key) => (await fetch('/api/v1/access', { headers: { authorization: `Bearer ${key}` } })).status, key)
    expect(await accessWith(token)).toBe(200)

    await row.locator('[data-revoke]').click()
    const confirm = page.locator('[data-confirm-revoke="chengdu-12315"]')
    await expect.poll(() => confirm.textContent()).toMatch(/吊销“chengdu-12315”后立即失效/)
    // nothing is revoked before the confirm
    expect(await row.locator('[data-status]').textContent()).toMatch(/有效/)
    await page.screenshot({ path: screenshotPath('admin-key-confirm-1920x1080') })
    await confirm.locator('[data-confirm]').click()
    await expect.poll(() => row.locator('[data-status]').textContent()).toMatch(/^\s*已吊销 \d{4}-\d\d-\d\d \d\d:\d\d\s*$/)
    expect(await row.locator('[data-revoke]').count()).toBe(0)
    // the server agrees: the key no longer works
    expect(await accessWith(token)).toBe(401)
    expect(refused).toEqual([])
  })

  it('shows a new screen token once with its wall URL', async () => {
    await logInToAdmin(ADMIN)
    await openSection('screens')
    const form = page.locator('[data-create-holder="screens"]')
    await form.locator('input[name="name"]').fill('lobby')
    await form.locator('input[name="region"]').fill('510104')
    await form.getByLabel('总览').check()
    await form.getByLabel('专项行动').check()
    await form.locator('button[type="submit"]').click()
    const shown = page.locator('[data-created-token]')
    await expect.poll(() => shown.locator('[data-token]').textContent()).toMatch(/^rds_/)
    const token = (await shown.locator('[data-token]').textContent()) ?? ''
    expect(await shown.locator('[data-wall-url]').textContent()).toBe(`${baseUrl}/wall?playlist=overview,campaign&regions=510104&screen=${token}`)
    await expect.poll(() => page.locator('[data-holders="screens"] tr[data-holder="lobby"]').textContent()).toMatch(/lobby.*锦江区\s*510104.*总览、专项行动.*有效/s)
    await page.screenshot({ path: screenshotPath('admin-screen-created-1920x1080') })
    expect(refused).toEqual([])
  })

  it('lists the audit log newest first and pages back to the oldest entry', async () => {
    await logInToAdmin(ADMIN)
    await openSection('audit')
    const entries = page.locator('[data-audit] tbody tr')
    await expect.poll(() => entries.count()).toBe(50)
    // this login is the newest entry
    expect(await entries.first().textContent()).toMatch(/user:chengdu-admin.*登录.*chengdu-admin/s)
    await page.screenshot({ path: screenshotPath('admin-audit-1920x1080') })
    // older pages until the oldest
    for (let pages = 1; (await page.locator('[data-audit-end]').count()) === 0; pages++) {
      expect(pages).toBeLessThan(5)
      const shown = await entries.count()
      await page.locator('[data-older]').click()
      await expect.poll(() => entries.count()).toBeGreaterThan(shown)
    }
    const shownIds = await page.locator('[data-audit] tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-audit-id'))))
    // every entry the log holds for this administrator, in the order the server keeps them
    const allIds = await page.evaluate(async () => ((await (await fetch('/api/v1/audit?limit=500')).json()) as { entries: { id: number }[] }).entries.map((entry) => entry.id))
    expect(shownIds.length).toBeGreaterThan(EARLIER_LOGINS)
    expect(shownIds).toEqual(allIds)
    expect(shownIds).toEqual([...shownIds].sort((a, b) => b - a))
    // the oldest: the fixture's accounts, made before the logins
    const oldest = await page.locator('[data-audit] tbody tr').last().textContent()
    expect(oldest).toMatch(/test:admin.*创建用户.*chengdu-admin.*role: admin · region: 510100/s)
    expect(refused).toEqual([])
  })

  it('tells a leader it has no admin rights and shows no data', async () => {
    await logInToAdmin(LEADER)
    await expect.poll(() => page.locator('[data-admin-forbidden]').textContent()).toMatch(/当前账号的角色为“领导”，不能管理用户、密钥和大屏/)
    expect(await page.locator('[data-users], [data-holders], [data-audit], [data-section-tab]').count()).toBe(0)
    expect(await admin().textContent()).not.toContain(ADMIN)
    await page.screenshot({ path: screenshotPath('admin-forbidden-1920x1080') })
    expect(refused).toEqual([])
  })
})
