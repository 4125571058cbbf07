// One table says who may do what, and where, over every way in: every HTTP route the app
// registers and every request a live socket may send (LIVE_CLIENT_EVENTS, the list the server
// registers its handlers from). Each principal is scoped at Chengdu (510100) and asks at a
// region inside (锦江区 510104), beside (绵阳市 510700) and above (四川省 510000) that scope.
// Every cell is asked and must answer as the table says; a route or event without a row fails
// the suite, so nothing new goes unjudged.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenHolder } from '../../../server/access/token-holders-repository'
import { roomOf } from '../../../server/live/live-views'
import { LIVE_CLIENT_EVENTS, LIVE_NAMESPACE, type LiveClientEvent } from '../../../shared/live'
import { originOf } from '../../support/live-screen'
import { addUser, bearerOf, logIn, loginBody, nextAddress } from '../../support/principals'
import { campaign, complaint, enforcementCase } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'
import { testDatabaseKinds } from '../../support/test-databases'
import { ask, connectLive } from '../../support/live-credentials'

const SCOPE = '510100'
const REGIONS = { inside: '510104', beside: '510700', above: '510000' } as const
type Where = keyof typeof REGIONS

const PRINCIPALS = ['leader', 'duty_officer', 'region_officer', 'admin', 'screen', 'key', 'anonymous', 'nobody'] as const
type Who = (typeof PRINCIPALS)[number]
const USERS = ['leader', 'duty_officer', 'region_officer', 'admin'] as const satisfies readonly Who[]
const READERS: readonly Who[] = ['leader', 'duty_officer', 'region_officer', 'screen', 'anonymous']
const isUser = (who: Who) => (USERS as readonly Who[]).includes(who)

/**
 * allow: the request does its work (HTTP 2xx or a 4xx other than 401, 403 and 404; a socket's
 * `ok` answer); deny: HTTP 401 or 403, a socket refused at the handshake or answered
 * `forbidden`; hidden: HTTP 404, as if what lies outside the scope did not exist.
 */
type Outcome = 'allow' | 'deny' | 'hidden'
type Rule = (who: Who, where: Where) => Outcome
const when = (allowed: boolean): Outcome => (allowed ? 'allow' : 'deny')

// The rules of docs/access.md, one per kind of route or event.
const PUBLIC: Rule = () => 'allow'
const ANYONE_KNOWN: Rule = (who) => when(who !== 'nobody')
const READS_ANYWHERE: Rule = (who) => when(READERS.includes(who))
// The anonymous viewer's scope is the province: nothing of it lies beside or above.
const READS_AT: Rule = (who, where) => when(READERS.includes(who) && (where === 'inside' || who === 'anonymous'))
const WRITES_AT: Rule = (who, where) => when(who === 'key' && where === 'inside')
const SESSIONS: Rule = (who) => when(isUser(who))
const ADMINISTERS: Rule = (who) => when(who === 'admin')
const ADMINISTERS_AT: Rule = (who, where) => when(who === 'admin' && where === 'inside')
const ADMINISTERS_AT_ELSE_HIDDEN: Rule = (who, where) => (who !== 'admin' ? 'deny' : where === 'inside' ? 'allow' : 'hidden')
// Follow-up tasks: a person whose role holds the step's grant, on a task inside its scope (docs/tasks.md).
const TASKS_AS = (role: Who): Rule => (who, where) => when(who === role && where === 'inside')
// One alert's page: what lies outside a reader's scope is not there for it.
const READS_AT_ELSE_HIDDEN: Rule = (who, where) => (!READERS.includes(who) ? 'deny' : where === 'inside' || who === 'anonymous' ? 'allow' : 'hidden')
// A duty officer's step on an alert: only inside its scope, where it can see the alert at all.
const ACTS_ON_ALERTS_AT: Rule = (who, where) => (who !== 'duty_officer' ? 'deny' : where === 'inside' ? 'allow' : 'hidden')
// The rules' thresholds hold province-wide: only the province's administrator, and every principal here is scoped at a city.
const ADMINISTERS_PROVINCE: Rule = () => 'deny'

interface HttpRow {
  /** method and path as Fastify registers it */
  route: string
  /** registered routes this row also judges, as Fastify's route tree prints them */
  covers?: (registered: string) => boolean
  request: (region: string) => { url: string; payload?: object }
  rule: Rule
  /** the request logs in or out: a user principal sends it with a session of its own, so no other cell loses its session */
  ownSession?: boolean
}
interface SocketRow {
  event: LiveClientEvent
  payload: (region: string) => object
  /** an allowed request puts the socket in the view's room */
  joins: boolean
  rule: Rule
}
type Row = HttpRow | SocketRow

const CAMPAIGN = campaign()
/** A task at each region for each task row, in the state its step needs, dispatched in beforeAll. */
const TASK_ROWS = { read: 'assigned', remind: 'assigned', acknowledge: 'assigned', feedback: 'acknowledged', close: 'answered' } as const
const tasks: Record<keyof typeof TASK_ROWS, Record<string, string>> = { read: {}, remind: {}, acknowledge: {}, feedback: {}, close: {} }
const stepOn = (row: keyof typeof TASK_ROWS, payload: object): HttpRow['request'] => (region) => ({ url: `/api/v1/tasks/${tasks[row][region]}/steps`, payload })
/** What the admin routes change (a user, key and screen) and the alert rows act on, at each region, made in beforeAll. */
const targets: Record<'user' | 'key' | 'screen' | 'alert', Record<string, string>> = { user: {}, key: {}, screen: {}, alert: {} }
let created = 0

const at = (url: string): HttpRow['request'] => () => ({ url })
const view = (region: string) => ({ region, period: 'today' })
/** THE table. */
const TABLE: Row[] = [
  // Public: probes and the manual.
  { route: 'GET /api/v1/health', request: at('/api/v1/health'), rule: PUBLIC },
  { route: 'GET /api/v1/config', request: at('/api/v1/config'), rule: PUBLIC },
  { route: 'GET /openapi.json', request: at('/openapi.json'), rule: PUBLIC },
  { route: 'GET /docs', request: at('/docs'), rule: PUBLIC },
  { route: 'GET /docs/', request: at('/docs/'), rule: PUBLIC },
  { route: 'GET /docs/static/index.html', request: at('/docs/static/index.html'), rule: PUBLIC },
  { route: 'GET /docs/static/swagger-initializer.js', request: at('/docs/static/swagger-initializer.js'), rule: PUBLIC },
  { route: 'GET /docs/*', request: at('/docs/static/swagger-ui.css'), rule: PUBLIC },
  { route: 'GET /docs/json', request: at('/docs/json'), rule: PUBLIC },
  { route: 'GET /docs/yaml', request: at('/docs/yaml'), rule: PUBLIC },
  // The pages, served when the client is built: they hold no data.
  { route: 'GET /', request: at('/'), rule: PUBLIC },
  { route: 'GET /login', request: at('/login'), rule: PUBLIC },
  { route: 'GET /admin', request: at('/admin'), rule: PUBLIC },
  { route: 'GET /desk', request: at('/desk'), rule: PUBLIC },
  { route: 'GET /wall', request: at('/wall'), rule: PUBLIC },
  // The tree prints a wildcard beside sibling paths without its slash.
  { route: 'GET /wall/*', covers: (route) => route === 'GET /wall*', request: at('/wall/overview/510104'), rule: PUBLIC },
  // The built client's files, when it is built: one route each, named by content hash.
  { route: 'GET /index.html', covers: (route) => route.startsWith('GET /assets/'), request: at('/index.html'), rule: PUBLIC },
  // Who is asking.
  { route: 'GET /api/v1/access', request: at('/api/v1/access'), rule: ANYONE_KNOWN },
  // Reads.
  { route: 'GET /api/v1/regions/:code', request: (region) => ({ url: `/api/v1/regions/${region}` }), rule: READS_AT },
  { route: 'GET /api/v1/regions/:code/summary', request: (region) => ({ url: `/api/v1/regions/${region}/summary` }), rule: READS_AT },
  { route: 'GET /api/v1/regions/:code/breakdown', request: (region) => ({ url: `/api/v1/regions/${region}/breakdown?metric=cases_opened` }), rule: READS_AT },
  { route: 'GET /api/v1/regions/:code/trend', request: (region) => ({ url: `/api/v1/regions/${region}/trend?metric=cases_opened` }), rule: READS_AT },
  { route: 'GET /api/v1/regions/:code/ticker', request: (region) => ({ url: `/api/v1/regions/${region}/ticker` }), rule: READS_AT },
  { route: 'GET /api/v1/campaigns/:id/progress', request: (region) => ({ url: `/api/v1/campaigns/${CAMPAIGN.id}/progress?region=${region}` }), rule: READS_AT },
  { route: 'GET /api/v1/geo/:code', request: (region) => ({ url: `/api/v1/geo/${region}` }), rule: READS_ANYWHERE },
  { route: 'GET /api/v1/campaigns', request: at('/api/v1/campaigns'), rule: READS_ANYWHERE },
  { route: 'GET /api/v1/live/stats', request: at('/api/v1/live/stats'), rule: READS_ANYWHERE },
  { route: 'GET /api/v1/alerts', request: (region) => ({ url: `/api/v1/alerts?region=${region}` }), rule: READS_AT },
  { route: 'GET /api/v1/alerts/:id', request: (region) => ({ url: `/api/v1/alerts/${targets.alert[region]}` }), rule: READS_AT_ELSE_HIDDEN },
  { route: 'GET /api/v1/alert-rules', request: at('/api/v1/alert-rules'), rule: READS_ANYWHERE },
  // The duty desk's steps on an alert (an alert of each region, raised in beforeAll).
  { route: 'POST /api/v1/alerts/:id/acknowledge', request: (region) => ({ url: `/api/v1/alerts/${targets.alert[region]}/acknowledge` }), rule: ACTS_ON_ALERTS_AT },
  { route: 'POST /api/v1/alerts/:id/snooze', request: (region) => ({ url: `/api/v1/alerts/${targets.alert[region]}/snooze`, payload: { minutes: 30, reason: '矩阵测试' } }), rule: ACTS_ON_ALERTS_AT },
  // The live socket: a role that reads nothing gets no socket; every request checks the scope.
  { event: 'subscribe', payload: view, joins: true, rule: READS_AT },
  { event: 'resync', payload: (region) => ({ ...view(region), fromSeq: 0 }), joins: true, rule: READS_AT },
  { event: 'unsubscribe', payload: view, joins: false, rule: READS_AT },
  // Writes: a campaign names its region at any level, so one record covers inside, beside and above.
  { route: 'POST /api/v1/records', request: (region) => ({ url: '/api/v1/records', payload: campaign({ id: `matrix-${++created}`, regionCode: region, targets: [] }) }), rule: WRITES_AT },
  // Sessions.
  { route: 'POST /api/v1/session', request: () => ({ url: '/api/v1/session', payload: loginBody('matrix-login') }), rule: PUBLIC, ownSession: true },
  { route: 'GET /api/v1/session', request: at('/api/v1/session'), rule: SESSIONS },
  { route: 'DELETE /api/v1/session', request: at('/api/v1/session'), rule: SESSIONS, ownSession: true },
  // Administration: an admin session, inside its scope; what lies outside it is not there for it.
  { route: 'GET /api/v1/users', request: at('/api/v1/users'), rule: ADMINISTERS },
  { route: 'POST /api/v1/users', request: (region) => ({ url: '/api/v1/users', payload: { username: `matrix-new-${++created}`, password: 'a long enough password', role: 'leader', region } }), rule: ADMINISTERS_AT },
  { route: 'PATCH /api/v1/users/:username', request: (region) => ({ url: `/api/v1/users/${targets.user[region]}`, payload: { disabled: false } }), rule: ADMINISTERS_AT_ELSE_HIDDEN },
  { route: 'GET /api/v1/keys', request: at('/api/v1/keys'), rule: ADMINISTERS },
  { route: 'POST /api/v1/keys', request: (region) => ({ url: '/api/v1/keys', payload: { name: 'matrix key', region } }), rule: ADMINISTERS_AT },
  { route: 'DELETE /api/v1/keys/:id', request: (region) => ({ url: `/api/v1/keys/${targets.key[region]}` }), rule: ADMINISTERS_AT_ELSE_HIDDEN },
  { route: 'GET /api/v1/screens', request: at('/api/v1/screens'), rule: ADMINISTERS },
  { route: 'POST /api/v1/screens', request: (region) => ({ url: '/api/v1/screens', payload: { name: 'matrix screen', region } }), rule: ADMINISTERS_AT },
  { route: 'DELETE /api/v1/screens/:id', request: (region) => ({ url: `/api/v1/screens/${targets.screen[region]}` }), rule: ADMINISTERS_AT_ELSE_HIDDEN },
  { route: 'GET /api/v1/audit', request: at('/api/v1/audit'), rule: ADMINISTERS },
  // Follow-up tasks: reads as every read; each step by the role its grant names, inside its scope. One row per grant.
  { route: 'GET /api/v1/tasks', request: (region) => ({ url: `/api/v1/tasks?region=${region}` }), rule: READS_AT },
  { route: 'GET /api/v1/tasks/:id', request: (region) => ({ url: `/api/v1/tasks/${tasks.read[region]}` }), rule: READS_AT },
  { route: 'GET /api/v1/regions/:code/tasks/figures', request: (region) => ({ url: `/api/v1/regions/${region}/tasks/figures` }), rule: READS_AT },
  { route: 'POST /api/v1/tasks', request: (region) => ({ url: '/api/v1/tasks', payload: { region, title: '矩阵督办', instructions: '核查' } }), rule: TASKS_AS('duty_officer') },
  { route: 'POST /api/v1/tasks/:id/steps', request: stepOn('remind', { action: 'remind' }), rule: TASKS_AS('duty_officer') },
  { route: 'POST /api/v1/tasks/:id/steps', request: stepOn('acknowledge', { action: 'acknowledge' }), rule: TASKS_AS('region_officer') },
  { route: 'POST /api/v1/tasks/:id/steps', request: stepOn('feedback', { action: 'feedback', text: '已办理' }), rule: TASKS_AS('region_officer') },
  { route: 'POST /api/v1/tasks/:id/steps', request: stepOn('close', { action: 'close' }), rule: TASKS_AS('duty_officer') },
  {
    route: 'PUT /api/v1/alert-rules/:rule',
    request: () => ({ url: '/api/v1/alert-rules/overdue_backlog', payload: { fireLevel: 30, clearLevel: 20, holdMinutes: 10, minExcess: 0, groupChildren: 3 } }),
    rule: ADMINISTERS_PROVINCE,
  },
]
const HTTP_ROWS = TABLE.filter((row): row is HttpRow => 'route' in row)
const SOCKET_ROWS = TABLE.filter((row): row is SocketRow => 'event' in row)

const rowOf = (registered: string): HttpRow | undefined => HTTP_ROWS.find((row) => row.route === registered || row.covers?.(registered) === true)

/** Every method and path the app registers, read from Fastify's own route tree; HEAD comes with each GET and is judged with it. */
function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (match === null) continue
    const depth = (match[1] ?? '').length / 4
    stack.length = depth
    stack.push(match[2] ?? '')
    const path = stack.join('')
    for (const method of (match[3] ?? '').split(', ').filter((method) => method !== '' && method !== 'HEAD')) routes.push(`${method} ${path}`)
  }
  return routes
}

describe.each(testDatabaseKinds())('the authorization matrix on %s', (kind) => {
  let testApp: TestApp
  const app = () => testApp.app
  /** Each principal's credentials as HTTP headers: a session's cookie and CSRF header, a bearer token, or none. */
  const headersOf = new Map<Who, Record<string, string>>()
  /** The same as a socket presents them: a token in `auth`, a Cookie header, or nothing. */
  const presentingOf = new Map<Who, { token?: string; cookie?: string }>()
  /** Anonymous reading is a setting of the server: on for the viewer's cells alone. */
  const actAs = (who: Who) => {
    app().access.anonymousProvince = who === 'anonymous' ? '510000' : undefined
  }

  beforeAll(async () => {
    testApp = await startTestApp(kind, { REGDECK_ANONYMOUS: 'off' })
    await app().listen({ port: 0, host: '127.0.0.1' })
    for (const role of USERS) {
      await addUser(app(), `matrix-${role}`, role, SCOPE)
      const headers = await logIn(app(), `matrix-${role}`)
      headersOf.set(role, headers)
      presentingOf.set(role, { cookie: headers.cookie })
    }
    await addUser(app(), 'matrix-login', 'leader', SCOPE)
    for (const holder of ['screen', 'key'] as const) {
      const { headers } = await bearerOf(app(), holder, SCOPE)
      headersOf.set(holder, headers)
      presentingOf.set(holder, { token: headers.authorization.replace(/^Bearer /, '') })
    }
    for (const nobody of ['anonymous', 'nobody'] as const) {
      headersOf.set(nobody, {})
      presentingOf.set(nobody, {})
    }
    const province = await bearerOf(app(), 'key', '510000')
    expect((await app().inject({ method: 'POST', url: '/api/v1/records', headers: province.headers, payload: [CAMPAIGN, complaint()] })).statusCode).toBe(200)
    // A 挂牌督办 case raises an alert at once. Records belong to counties, so the alert of each
    // region is one in a county of it; "above" the scope has none of its own and asks for one
    // outside the scope as well, in another city's county.
    const alertCounties: Record<string, string> = { [REGIONS.inside]: '510104', [REGIONS.beside]: '510703', [REGIONS.above]: '511002' }
    const majorCases = Object.values(alertCounties).map((county) => enforcementCase({ id: `K-matrix-${county}`, regionCode: county, major: true }))
    expect((await app().inject({ method: 'POST', url: '/api/v1/records', headers: province.headers, payload: majorCases })).statusCode).toBe(200)
    await app().alerts.evaluate(new Date(), 'all')
    const alertIds = new Map((await app().database.db.selectFrom('alerts').select(['id', 'region_code']).where('rule', '=', 'major_case').execute()).map((row) => [row.region_code, row.id]))
    for (const [region, county] of Object.entries(alertCounties)) targets.alert[region] = alertIds.get(county) ?? ''
    for (const region of Object.values(REGIONS)) {
      await addUser(app(), `matrix-target-${region}`, 'leader', region)
      targets.user[region] = `matrix-target-${region}`
      for (const holder of ['key', 'screen'] as const) targets[holder][region] = (await createTokenHolder(app().database.db, { kind: holder, name: `matrix target ${region}`, region }, 'test:matrix')).id
    }
    // Tasks dispatched and stepped by people of the province, so that every region has some.
    await addUser(app(), 'matrix-province-duty', 'duty_officer', '510000')
    await addUser(app(), 'matrix-province-officer', 'region_officer', '510000')
    const [duty, officer] = [await logIn(app(), 'matrix-province-duty'), await logIn(app(), 'matrix-province-officer')]
    const taskStep = async (id: string, action: string) => {
      const response = await app().inject({ method: 'POST', url: `/api/v1/tasks/${id}/steps`, headers: action === 'acknowledge' || action === 'feedback' ? officer : duty, payload: { action, text: '矩阵' } })
      expect(response.statusCode, response.body).toBe(200)
    }
    for (const [row, state] of Object.entries(TASK_ROWS) as [keyof typeof TASK_ROWS, string][]) {
      for (const region of Object.values(REGIONS)) {
        const response = await app().inject({ method: 'POST', url: '/api/v1/tasks', headers: duty, payload: { region, title: `矩阵 ${row}`, instructions: '核查' } })
        expect(response.statusCode, response.body).toBe(201)
        const id = String(response.json().id)
        if (state !== 'assigned') await taskStep(id, 'acknowledge')
        if (state === 'answered') await taskStep(id, 'feedback')
        tasks[row][region] = id
      }
    }
  })
  afterAll(() => testApp.close())

  it('has a row for every route the app registers and every request a socket may send', () => {
    const registered = registeredRoutes(app())
    // The route tree was read: nested paths and their methods came out whole.
    expect(registered).toEqual(expect.arrayContaining(['GET /api/v1/regions/:code/summary', 'PATCH /api/v1/users/:username', 'POST /api/v1/records', 'DELETE /api/v1/session']))
    expect(registered.filter((route) => rowOf(route) === undefined)).toEqual([])
    expect(SOCKET_ROWS.map((row) => row.event).sort()).toEqual([...LIVE_CLIENT_EVENTS].sort())
  })

  it('answers every principal, route and region as the table says', async () => {
    const registered = registeredRoutes(app())
    const wrong: string[] = []
    // Every row of a registered route: some routes have one per grant (task steps).
    for (const row of HTTP_ROWS.filter((row) => registered.some((route) => row.route === route || row.covers?.(route) === true))) {
      const method = row.route.split(' ', 1)[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE'
      for (const who of PRINCIPALS) {
        actAs(who)
        for (const [where, region] of Object.entries(REGIONS) as [Where, string][]) {
          const { url, payload } = row.request(region)
          const headers = row.ownSession === true && isUser(who) ? await logIn(app(), `matrix-${who}`) : (headersOf.get(who) ?? {})
          const response = await app().inject({ method, url, headers, remoteAddress: nextAddress(), ...(payload === undefined ? {} : { payload }) })
          const outcome: Outcome = response.statusCode === 401 || response.statusCode === 403 ? 'deny' : response.statusCode === 404 ? 'hidden' : 'allow'
          const expected = row.rule(who, where)
          if (outcome !== expected || response.statusCode >= 500) wrong.push(`${who} ${row.route} ${where} (${url}): ${response.statusCode}, expected ${expected}: ${response.body.slice(0, 160)}`)
        }
      }
    }
    actAs('nobody')
    expect(wrong).toEqual([])
  }, 120_000) // every principal × route × region in one test: hundreds of requests

  it('answers every principal, socket request and region as the table says, joining a room only when allowed', async () => {
    const wrong: string[] = []
    for (const row of SOCKET_ROWS) {
      for (const who of PRINCIPALS) {
        actAs(who)
        for (const [where, region] of Object.entries(REGIONS) as [Where, string][]) {
          const expected = row.rule(who, where)
          const connected = await connectLive(originOf(app().server), presentingOf.get(who))
          if ('refused' in connected) {
            if (expected !== 'deny') wrong.push(`${who} ${row.event} ${where}: refused at the handshake (${connected.message}), expected ${expected}`)
            continue
          }
          const { socket } = connected
          const answer = await ask(socket, row.event, row.payload(region))
          const outcome: Outcome = answer.ok ? 'allow' : answer.error.code === 'forbidden' ? 'deny' : 'hidden'
          const room = app().io.of(LIVE_NAMESPACE).adapter.rooms.get(roomOf(view(region)))
          const joined = room?.has(socket.id ?? '') ?? false
          if (outcome !== expected) wrong.push(`${who} ${row.event} ${where}: ${JSON.stringify(answer)}, expected ${expected}`)
          if (joined !== (expected === 'allow' && row.joins)) wrong.push(`${who} ${row.event} ${where}: ${joined ? 'joined' : 'did not join'} the view's room`)
          socket.close()
        }
      }
    }
    actAs('nobody')
    expect(wrong).toEqual([])
  })
})
