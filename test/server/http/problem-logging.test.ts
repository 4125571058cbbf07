// Every refusal is logged with its code, including those the router answers before any route
// runs (a path parameter too long) and a failure of ours, at error level with its cause.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../server/app'
import { loadConfig } from '../../../server/config/config'
import { type TestDatabase, createTestDatabase } from '../../support/test-databases'

interface LogLine {
  level: number
  msg: string
  code?: string
  status?: number
  err?: { message: string }
}
const INFO = 30
const ERROR = 50

describe('problems in the log', () => {
  let database: TestDatabase
  let app: FastifyInstance
  const lines: LogLine[] = []

  beforeAll(async () => {
    database = await createTestDatabase('pglite')
    app = await buildApp({
      // Read without logging in: the refusals logged here are the routes' own, not a 401.
      config: loadConfig({ REGDECK_DEMO: '0', REGDECK_ANONYMOUS: 'viewer', ...database.env }),
      logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    })
    // A route that fails as a bug would: nothing in the app fails on demand.
    app.get('/api/v1/failing', async () => {
      throw new Error('a bug')
    })
  })
  afterAll(async () => {
    await app.close()
    await database.drop()
  })

  const logOf = async (method: 'GET' | 'DELETE', url: string) => {
    lines.length = 0
    const response = await app.inject({ method, url })
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    return { status: response.statusCode, problem: lines.find((line) => line.code !== undefined) }
  }

  it.each([
    ['GET', `/api/v1/regions/${'5'.repeat(101)}`, 414, 'uri_too_long'],
    ['GET', '/api/v1/regions/%E0', 400, 'invalid_request'],
    ['DELETE', '/api/v1/health', 405, 'method_not_allowed'],
    ['GET', '/api/v1/nothing-here', 404, 'not_found'],
    ['GET', '/api/v1/regions/510000/summary?period=9997-06-01..9997-06-02', 400, 'invalid_period'],
    ['GET', '/api/v1/regions/519999', 404, 'unknown_region'],
  ] as const)('logs %s %s at info with its code', async (method, url, status, code) => {
    expect(await logOf(method, url)).toEqual({ status, problem: expect.objectContaining({ level: INFO, code, status }) })
  })

  it('logs a failure at error with its cause, and tells the client no more than that it is logged', async () => {
    const { status, problem } = await logOf('GET', '/api/v1/failing')
    expect(status).toBe(500)
    expect(problem).toMatchObject({ level: ERROR, code: 'internal_error', err: { message: 'a bug' } })
  })
})
