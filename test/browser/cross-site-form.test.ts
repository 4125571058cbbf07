// A page on another origin rides on an administrator's session, in Chromium: it submits forms
// (text/plain shaped like JSON, urlencoded) and a no-cors fetch at the admin routes (a page
// without CORS can send only such simple requests: a PATCH or DELETE never leaves the browser). Served from
// another port of the same host it is same-site, so the browser sends the SameSite=Lax cookie
// along. Two layers stop it: the API parses only JSON bodies, which a page without CORS cannot
// send, and the CSRF token, which no cross-site page can read or set as a header. Tried: with a
// text/plain body read as JSON and the CSRF check taken off, two planted admins got in; with the
// same parser and the check on, none. Nothing may change: no user made, no audit entry.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type BrowsedApp, browseTestApp } from '../support/browsed-app'
import { addUser, loginBody } from '../support/principals'

let browsed: BrowsedApp
let app: FastifyInstance
let attacker: http.Server
/** Admin-route requests that arrived with the session cookie: proof the browser sent it. */
const cookieBearing: string[] = []

beforeAll(async () => {
  browsed = await browseTestApp({ REGDECK_ANONYMOUS: 'off' }, async (app) => {
    await addUser(app, 'csrf-admin', 'admin', '510000')
    await addUser(app, 'csrf-victim', 'leader', '510100')
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/api/v1/users') && request.method !== 'GET' && /regdeck_session=/.test(request.headers.cookie ?? '')) cookieBearing.push(`${request.method} ${request.headers['content-type'] ?? ''}`)
    })
  })
  app = browsed.app
  attacker = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8')
    response.end(attackPage(browsed.baseUrl))
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  // The browser keeps its connection to the attacker's page alive: closed at once, not after its keep-alive.
  attacker?.closeAllConnections()
  await new Promise((resolve) => attacker?.close(resolve))
  await browsed?.close()
})

/** Three ways a hostile page can send a request without reading the answer, each asking for a new admin. */
function attackPage(target: string): string {
  const user = JSON.stringify({ username: 'planted-admin', password: 'planted password 1', role: 'admin', region: '510000' })
  // text/plain sends `name=value`: a name ending in `"x":"` and a value `"}` make the body read as JSON.
  const plainName = `${user.slice(0, -1)},"x":"`
  return `<!doctype html><html><body>
<form id="plain" method="post" enctype="text/plain" action="${target}/api/v1/users" target="sink1"><input name='${plainName}' value='"}'></form>
<form id="encoded" method="post" action="${target}/api/v1/users" target="sink2"><input name="username" value="planted-two"><input name="password" value="planted password 2"><input name="role" value="admin"><input name="region" value="510000"></form>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<script>
document.getElementById('plain').submit()
document.getElementById('encoded').submit()
fetch('${target}/api/v1/users', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(${JSON.stringify({ username: 'planted-three', password: 'planted password 3', role: 'admin', region: '510000' })}) }).catch(() => {})
window.attacked = true
</script></body></html>`
}

it('changes nothing when a same-site page of another origin posts forms and fetches with the session cookie', async () => {
  const { page, baseUrl } = browsed
  const login = await page.request.post(`${baseUrl}/api/v1/session`, { data: loginBody('csrf-admin') })
  expect(login.status()).toBe(200)
  const auditBefore = await app.database.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<string>().as('count')).executeTakeFirstOrThrow()

  await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`)
  await page.waitForFunction(() => (window as unknown as { attacked?: boolean }).attacked === true)
  // All three reached the server with the cookie: SameSite did not stop them.
  await expect.poll(() => [...cookieBearing].sort(), { timeout: 10_000 }).toEqual(['POST application/x-www-form-urlencoded', 'POST text/plain', 'POST text/plain'])

  const users = await app.database.db.selectFrom('users').select(['username', 'disabled']).orderBy('username').execute()
  expect(users).toEqual([
    { username: 'csrf-admin', disabled: false },
    { username: 'csrf-victim', disabled: false },
  ])
  const auditAfter = await app.database.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<string>().as('count')).executeTakeFirstOrThrow()
  expect(auditAfter.count).toBe(auditBefore.count)
})
