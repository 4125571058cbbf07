// Holds the app to its own OpenAPI document, the way a fuzzer driven by the document would:
// for every documented operation it sends a valid request and bad ones (each parameter out of
// shape, a path parameter too long, a required one missing, another method, a body of the wrong
// type), and every answer must be one the document lists for that operation, with the listed
// content type and a body its schema accepts.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../server/access/passwords'
import { createTokenHolder } from '../../../server/access/token-holders-repository'
import { createUser } from '../../../server/access/users-repository'
import { CSRF_HEADER } from '../../../shared/session'
import { campaign, complaint, enforcementCase } from '../../support/record-factory'
import { integratorHeaders } from '../../support/integrator-key'
import { type TestApp, startTestApp } from '../../support/test-app'

interface Schema {
  [keyword: string]: unknown
}
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema: Schema
}
interface DocumentedResponse {
  content?: Record<string, { schema: Schema }>
}
interface Operation {
  tags?: string[]
  summary?: string
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, DocumentedResponse>
}
interface OpenApiDocument {
  tags: { name: string }[]
  paths: Record<string, Partial<Record<string, Operation>>>
  components: { schemas: { Problem: Schema } }
}

/** A value each parameter accepts and the app knows; every required parameter of the document needs one. */
const KNOWN: Record<string, string> = { code: '510104', id: campaign().id, metric: 'cases_opened', rule: 'overdue_backlog' }
/** Values of no particular parameter: each out of shape, or unknown, for some, and sent to every one. */
const ODD_VALUES = ['!', '0', '-1', 'true', '519999', 'x'.repeat(65), '9997-06-01..9997-06-02', '%E0%A4%A']
/** Fastify's maxParamLength is 100. */
const TOO_LONG = 'a'.repeat(101)
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
/** Bodies of each documented request type that are well-formed but not a record, or not well-formed at all. */
const BAD_BODIES = ['{}', '{"type":"complaint"', 'not a record', '']

/** Known values of one path's parameters, where they differ from KNOWN; filled in beforeAll with the rows they name. */
const KNOWN_AT: Record<string, Record<string, string>> = { '/api/v1/users/{username}': { username: 'contract' } }

/** The province administrator the valid requests log in as; a cheap hash, since every signed-in request logs in afresh. */
const USER = { username: 'contract', password: 'contract-password', cost: { N: 2 ** 10, r: 8, p: 1 } }
let newUsers = 0
/** The body of a valid request, where it is not a record; made afresh, since some create what must be new. */
const VALID_BODIES: Record<string, () => unknown> = {
  'POST /api/v1/session': () => ({ username: USER.username, password: USER.password }),
  'POST /api/v1/users': () => ({ username: `contract-${++newUsers}`, password: 'a long enough password', role: 'leader', region: '510104' }),
  'PATCH /api/v1/users/{username}': () => ({ disabled: false }),
  'POST /api/v1/keys': () => ({ name: 'contract key', region: '510104' }),
  'POST /api/v1/screens': () => ({ name: 'contract screen', region: '510104', playlist: ['overview'] }),
  'POST /api/v1/tasks': () => ({ region: '510104', title: '合同督办', instructions: '核查', dueWorkingDays: 3 }),
  // A reminder leaves the task as it was: every valid request can send one.
  'POST /api/v1/tasks/{id}/steps': () => ({ action: 'remind', text: '请尽快办理' }),
  'PUT /api/v1/alert-rules/{rule}': () => ({ fireLevel: 30, clearLevel: 20, holdMinutes: 10, minExcess: 0, groupChildren: 3 }),
  'POST /api/v1/alerts/{id}/snooze': () => ({ minutes: 30, reason: '合同测试' }),
}
/** Operations a valid request makes with a session cookie and its CSRF token. */
const SIGNED_IN = new Set([
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/users',
  'GET /api/v1/users',
  'PATCH /api/v1/users/{username}',
  'POST /api/v1/keys',
  'GET /api/v1/keys',
  'DELETE /api/v1/keys/{id}',
  'POST /api/v1/screens',
  'GET /api/v1/screens',
  'DELETE /api/v1/screens/{id}',
  'GET /api/v1/audit',
  'PUT /api/v1/alert-rules/{rule}',
])
/** Operations a valid request makes with a province duty officer's session (same password as USER): an administrator neither dispatches nor acts on alerts. */
const DUTY_OFFICER = 'contract-duty'
const SIGNED_IN_AS_DUTY_OFFICER = new Set(['POST /api/v1/alerts/{id}/acknowledge', 'POST /api/v1/alerts/{id}/snooze', 'POST /api/v1/tasks', 'POST /api/v1/tasks/{id}/steps'])

/** Operations a valid request makes with a province integrator key. */
const KEYED = new Set(['POST /api/v1/records'])

type Request = { method: (typeof METHODS)[number]; url: string; headers?: Record<string, string>; payload?: string; signedIn?: boolean | string; keyed?: boolean }

describe('the OpenAPI document', () => {
  let testApp: TestApp
  let document: OpenApiDocument
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  const validators = new Map<Schema, ValidateFunction>()
  const validate = (schema: Schema, value: unknown): string | undefined => {
    let validator = validators.get(schema)
    if (validator === undefined) validators.set(schema, (validator = ajv.compile(schema)))
    return validator(value) ? undefined : ajv.errorsText(validator.errors)
  }

  beforeAll(async () => {
    testApp = await startTestApp('pglite')
    // The campaign that KNOWN.id names.
    const stored = await testApp.app.inject({ method: 'POST', url: '/api/v1/records', headers: await integratorHeaders(testApp.app), payload: campaign() })
    expect(stored.statusCode).toBe(200)
    await createUser(testApp.app.database.db, { username: USER.username, passwordHash: await hashPassword(USER.password, USER.cost), role: 'admin', region: '510000' }, 'test:contract')
    await createUser(testApp.app.database.db, { username: DUTY_OFFICER, passwordHash: await hashPassword(USER.password, USER.cost), role: 'duty_officer', region: '510000' }, 'test:contract')
    // An alert that KNOWN_AT names: a 挂牌督办 case fires at once.
    const major = enforcementCase({ id: 'K-contract', major: true })
    expect((await testApp.app.inject({ method: 'POST', url: '/api/v1/records', headers: await integratorHeaders(testApp.app), payload: major })).statusCode).toBe(200)
    await testApp.app.alerts.evaluate(new Date(), 'all')
    const { id: alertId } = await testApp.app.database.db.selectFrom('alerts').select('id').where('subject', '=', major.id).executeTakeFirstOrThrow()
    for (const path of ['/api/v1/alerts/{id}', '/api/v1/alerts/{id}/acknowledge', '/api/v1/alerts/{id}/snooze']) KNOWN_AT[path] = { id: alertId }
    for (const kind of ['key', 'screen'] as const) {
      const { id } = await createTokenHolder(testApp.app.database.db, { kind, name: `contract ${kind}`, region: '510104' }, 'test:contract')
      KNOWN_AT[`/api/v1/${kind}s/{id}`] = { id }
    }
    const task = await send({ method: 'POST', url: '/api/v1/tasks', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(VALID_BODIES['POST /api/v1/tasks']!()), signedIn: DUTY_OFFICER })
    expect(task.statusCode).toBe(201)
    for (const path of ['/api/v1/tasks/{id}', '/api/v1/tasks/{id}/steps']) KNOWN_AT[path] = { id: String(task.json().id) }
    document = (await testApp.app.inject({ method: 'GET', url: '/openapi.json' })).json()
  })
  afterAll(() => testApp.close())

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation: operation as Operation })))

  // Each request from its own address, so the login's rate limit (tested on its own) never answers for another operation.
  let requests = 0
  const nextAddress = () => `10.${Math.floor(++requests / 65_536) % 256}.${Math.floor(requests / 256) % 256}.${requests % 256}`
  const send = async ({ signedIn, keyed, ...request }: Request) => {
    if (keyed) return testApp.app.inject({ ...request, headers: { ...request.headers, ...(await integratorHeaders(testApp.app)) }, remoteAddress: nextAddress() })
    if (!signedIn) return testApp.app.inject({ ...request, remoteAddress: nextAddress() })
    const username = typeof signedIn === 'string' ? signedIn : USER.username
    const login = await testApp.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextAddress(), payload: { username, password: USER.password } })
    const [cookie] = login.cookies as { name: string; value: string }[]
    const headers = { ...request.headers, cookie: `${cookie?.name}=${cookie?.value}`, [CSRF_HEADER]: String(login.json().csrfToken) }
    return testApp.app.inject({ ...request, headers, remoteAddress: nextAddress() })
  }

  /** What is wrong with an answer by the operation's documented responses; undefined when nothing. */
  const mismatch = (operation: Operation, response: LightMyRequestResponse): string | undefined => {
    const status = String(response.statusCode)
    const documented = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default
    if (documented === undefined) return `answered ${status}, which is not documented (${Object.keys(operation.responses).join(', ')}): ${response.body.slice(0, 300)}`
    return bodyMismatch(documented, response)
  }

  const bodyMismatch = (documented: DocumentedResponse, response: LightMyRequestResponse): string | undefined => {
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
    if (documented.content === undefined) return response.body === '' ? undefined : `answered ${response.statusCode} with a body, documented without one`
    const listed = documented.content[mediaType]
    if (listed === undefined) return `answered ${response.statusCode} as "${mediaType}", documented as ${Object.keys(documented.content).join(', ')}`
    if (response.body === '') return undefined // a HEAD answer: the headers of the GET's
    const invalid = validate(listed.schema, mediaType.endsWith('json') ? response.json() : response.body)
    return invalid === undefined ? undefined : `answered ${response.statusCode} with a body its schema refuses: ${invalid}: ${response.body.slice(0, 300)}`
  }

  const urlOf = (path: string, pathValues: Record<string, string>, query: Record<string, string>) => {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? '')
    const search = new URLSearchParams(query).toString()
    return search === '' ? filled : `${filled}?${search}`
  }

  /** The documented operation's valid request, and each of its bad variations. */
  const requestsFor = (path: string, method: string, operation: Operation): { label: string; request: Request }[] => {
    const parameters = operation.parameters ?? []
    const knownHere = { ...KNOWN, ...KNOWN_AT[path] }
    const known = (names: Parameter[]) => Object.fromEntries(names.filter((parameter) => parameter.required).map((parameter) => [parameter.name, knownHere[parameter.name] ?? '']))
    const pathValues = known(parameters.filter((parameter) => parameter.in === 'path'))
    const query = known(parameters.filter((parameter) => parameter.in === 'query'))
    const bodyTypes = Object.keys(operation.requestBody?.content ?? {})
    const name = `${method} ${path}`
    const valid = (url: string): Request => ({
      method: method as Request['method'],
      url,
      ...(bodyTypes.length === 0 ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(VALID_BODIES[name]?.() ?? complaint()) }),
      ...(SIGNED_IN.has(name) ? { signedIn: true } : SIGNED_IN_AS_DUTY_OFFICER.has(name) ? { signedIn: DUTY_OFFICER } : {}),
      ...(KEYED.has(name) ? { keyed: true } : {}),
    })
    const requests = [{ label: 'valid', request: valid(urlOf(path, pathValues, query)) }]
    for (const parameter of parameters) {
      const odd = parameter.in === 'path' ? [...ODD_VALUES, TOO_LONG] : ['', ...ODD_VALUES]
      for (const value of odd) {
        const url = parameter.in === 'path' ? urlOf(path, { ...pathValues, [parameter.name]: value }, query) : urlOf(path, pathValues, { ...query, [parameter.name]: value })
        requests.push({ label: `${parameter.in} ${parameter.name}=${value.slice(0, 20)}`, request: valid(url) })
      }
      if (parameter.in === 'query' && parameter.required) {
        const { [parameter.name]: _left, ...rest } = query
        requests.push({ label: `without ${parameter.name}`, request: valid(urlOf(path, pathValues, rest)) })
      }
    }
    for (const contentType of bodyTypes.length === 0 ? [] : [...bodyTypes, 'application/xml', 'text/plain']) {
      for (const payload of BAD_BODIES) {
        requests.push({ label: `${contentType} body ${JSON.stringify(payload)}`, request: { ...valid(urlOf(path, pathValues, query)), headers: { 'content-type': contentType }, payload } })
      }
    }
    if (method === 'GET') requests.push({ label: 'HEAD', request: { ...valid(urlOf(path, pathValues, query)), method: 'HEAD' } })
    return requests
  }

  it('lists every answer each operation gives, good requests and bad, with its content type and schema', async () => {
    const problems: string[] = []
    for (const { path, method, operation } of operations()) {
      for (const { label, request } of requestsFor(path, method, operation)) {
        const wrong = mismatch(operation, await send(request))
        if (wrong !== undefined) problems.push(`${method} ${path} (${label}: ${request.method} ${request.url.slice(0, 80)}): ${wrong}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('marks a query parameter required only when a request without it is refused', async () => {
    const optionalInPractice: string[] = []
    for (const { path, method, operation } of operations()) {
      for (const { label, request } of requestsFor(path, method, operation).filter(({ label }) => label.startsWith('without '))) {
        const response = await send(request)
        if (response.statusCode < 400) optionalInPractice.push(`${method} ${path} ${label}: ${response.statusCode}`)
      }
    }
    expect(optionalInPractice).toEqual([])
  })

  it('gives every valid request a 2xx answer: the known values above are real', async () => {
    const refused: string[] = []
    for (const { path, method, operation } of operations()) {
      const [valid] = requestsFor(path, method, operation)
      const response = await send(valid!.request)
      if (response.statusCode >= 300) refused.push(`${method} ${valid!.request.url}: ${response.statusCode} ${response.body.slice(0, 200)}`)
    }
    expect(refused).toEqual([])
  })

  it('answers a method a documented path does not serve with 405, the methods it does serve, and a problem', async () => {
    const problems: string[] = []
    for (const [path, methods] of Object.entries(document.paths)) {
      const served = Object.keys(methods).map((method) => method.toUpperCase())
      // HEAD comes with every GET (RFC 9110 §9.3.2).
      const allowed = served.includes('GET') ? [...served, 'HEAD'] : served
      const url = urlOf(path, { ...KNOWN, ...KNOWN_AT[path] }, {})
      for (const method of METHODS.filter((candidate) => !allowed.includes(candidate))) {
        const response = await send({ method, url })
        const allow = String(response.headers.allow ?? '').split(/,\s*/).sort()
        if (response.statusCode !== 405) {
          problems.push(`${method} ${url}: ${response.statusCode}, not 405`)
          continue
        }
        if (allow.join(', ') !== [...allowed].sort().join(', ')) problems.push(`${method} ${url}: Allow "${response.headers.allow}", not ${allowed.join(', ')}`)
        if (method === 'HEAD') continue // no body to judge
        const wrong = bodyMismatch({ content: { 'application/problem+json': { schema: document.components.schemas.Problem } } }, response)
        if (wrong !== undefined) problems.push(`${method} ${url}: ${wrong}`)
        else if (response.json().code !== 'method_not_allowed') problems.push(`${method} ${url}: code ${response.json().code}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('answers a path it does not serve with a 404 problem', async () => {
    const response = await send({ method: 'GET', url: '/api/v1/regions/510104/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(bodyMismatch({ content: { 'application/problem+json': { schema: document.components.schemas.Problem } } }, response)).toBeUndefined()
    expect(response.json().code).toBe('not_found')
  })

  it('files every operation under a documented tag, with a summary', () => {
    const tags = new Set(document.tags.map((tag) => tag.name))
    const untold = operations()
      .filter(({ operation }) => operation.summary === undefined || operation.tags === undefined || operation.tags.length === 0 || !operation.tags.every((tag) => tags.has(tag)))
      .map(({ path, method }) => `${method} ${path}`)
    expect(untold).toEqual([])
  })
})
