// One error shape for every HTTP failure: RFC 9457 problem+json naming the field and the reason,
// with a stable `code`, logged, and documented on every route that can answer it.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import Type, { type TSchema } from 'typebox'
import { Problem, type ProblemCode } from '../../shared/api'
import { isDatabaseUnavailable } from '../db/unavailable'
import { RouteMethods } from './route-methods'

const RETRY_AFTER_SECONDS = 5
const PROBLEM_JSON = 'application/problem+json'
/** Only the API is documented; its routes are the ones whose answers are listed. */
export const API_PREFIX = '/api/'

/** What a status means when nobody said more precisely. */
const STATUS_MEANINGS: Record<number, { code: ProblemCode; title: string }> = {
  400: { code: 'invalid_request', title: 'Invalid request' },
  401: { code: 'unauthenticated', title: 'Unauthorized' },
  403: { code: 'forbidden', title: 'Forbidden' },
  404: { code: 'not_found', title: 'Not found' },
  409: { code: 'conflict', title: 'Conflict' },
  405: { code: 'method_not_allowed', title: 'Method not allowed' },
  413: { code: 'payload_too_large', title: 'Payload too large' },
  414: { code: 'uri_too_long', title: 'URI too long' },
  415: { code: 'unsupported_media_type', title: 'Unsupported media type' },
  422: { code: 'records_refused', title: 'Records refused' },
  429: { code: 'too_many_requests', title: 'Too many requests' },
  500: { code: 'internal_error', title: 'Internal server error' },
  503: { code: 'database_unavailable', title: 'Service unavailable' },
}

function meaningOf(status: number): { code: ProblemCode; title: string } {
  return STATUS_MEANINGS[status] ?? (status >= 500 ? { code: 'internal_error', title: 'Internal server error' } : { code: 'invalid_request', title: 'Bad request' })
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: Problem['errors'],
    readonly code: ProblemCode = meaningOf(status).code,
  ) {
    super(detail)
  }
}

/** Sends the problem and logs it: a client's mistake at info with its code, a failure of ours at error with its cause. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem, cause?: unknown): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    code: problem.code,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: request.url,
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
  }
  // A source retrying after this loses nothing: a request is one transaction, and it did not commit.
  if (problem.code === 'database_unavailable') void reply.header('retry-after', String(RETRY_AFTER_SECONDS))
  if (problem.status >= 500) request.log.error({ err: cause, code: problem.code, status: problem.status }, problem.message)
  else request.log.info({ code: problem.code, status: problem.status }, problem.message)
  return reply.code(problem.status).type(`${PROBLEM_JSON}; charset=utf-8`).send(body)
}

export function registerProblemHandlers(app: FastifyInstance): void {
  const routeMethods = new RouteMethods()
  app.addHook('onRoute', (route) => {
    routeMethods.add(route.url, route.method)
    if (route.url.startsWith(API_PREFIX)) documentFrameworkProblems(route)
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, request, error)
    if (error.validation !== undefined) {
      // Fastify calls the query string "querystring"; problems name fields as clients write them.
      const part = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body')
      const errors = error.validation.map((issue) => ({
        field: `${part}${issue.instancePath.replaceAll('/', '.')}`.replace(/\.$/, ''),
        message: issue.message ?? 'is invalid',
      }))
      return sendProblem(reply, request, new HttpProblem(400, 'Invalid request', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors))
    }
    if (isDatabaseUnavailable(error)) {
      return sendProblem(reply, request, new HttpProblem(503, 'Service unavailable', `the database cannot be reached just now; nothing was changed, try again in ${RETRY_AFTER_SECONDS} s`), error)
    }
    const status = error.statusCode ?? 500
    if (status >= 500) return sendProblem(reply, request, new HttpProblem(status, meaningOf(status).title, 'the server failed to answer; the error is logged'), error)
    return sendProblem(reply, request, new HttpProblem(status, meaningOf(status).title, error.message))
  })

  app.setNotFoundHandler((request, reply) => {
    const allowed = routeMethods.allowedAt(request.url.split('?', 1)[0] ?? '')
    if (allowed.length === 0) return sendProblem(reply, request, new HttpProblem(404, 'Not found', `no resource at ${request.method} ${request.url}`))
    void reply.header('allow', allowed.join(', '))
    return sendProblem(reply, request, new HttpProblem(405, 'Method not allowed', `${request.url} answers ${allowed.join(', ')}, not ${request.method}`))
  })
}

/**
 * Fastify's `frameworkErrors`: URLs the router refuses before any route runs (a path parameter
 * over `maxParamLength`, bad percent-encoding) would otherwise get Fastify's own JSON and no log line.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendProblem(reply, request, new HttpProblem(414, 'URI too long', `a path parameter is longer than ${request.server.initialConfig.maxParamLength} characters`))
  } else if (error.code === 'FST_ERR_BAD_URL') {
    void sendProblem(reply, request, new HttpProblem(400, 'Invalid request', 'the path is not a valid URL: a % is not followed by the UTF-8 bytes of a character'))
  } else {
    void sendProblem(reply, request, new HttpProblem(500, 'Internal server error', 'the server failed to answer; the error is logged'), error)
  }
}

// ── What routes document ──────────────────────────────────────────────────────

/** Statuses a route can refuse a request with, besides those every API route may answer. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 422 | 423 | 429 | 503

interface ProblemResponse<Schema extends TSchema> {
  description: string
  headers?: Record<string, TSchema>
  content: { [PROBLEM_JSON]: { schema: Schema } }
}

/** Answers that carry a Retry-After header. */
const RETRY_AFTER_STATUSES = new Set([423, 429, 503])

/** How routes that ask who is calling (server/access) document their refusals. */
export const UNAUTHENTICATED = '`unauthenticated`: no credentials and no anonymous viewing, or credentials that are not valid (unknown, expired, revoked, a disabled user)'
export const NOT_A_READER = "`forbidden`: the principal's role does not read (an admin, an integrator key)"
export const OUTSIDE_READ_SCOPE = "`forbidden`: the principal's role does not read (an admin, an integrator key), or the region lies above or beside its scope"

/** Say so on routes that read or write the database. */
export const DATABASE_UNAVAILABLE = `the database cannot be reached just now; nothing was changed, retry after Retry-After (${RETRY_AFTER_SECONDS}) seconds`

/** The route's error answers as problem+json responses, each with what it means on this route. */
export function problemResponses<Status extends ProblemStatus, Schema extends TSchema = typeof Problem>(
  meanings: Record<Status, string>,
  schema: Schema = Problem as unknown as Schema,
): Record<Status, ProblemResponse<Schema>> {
  const entries = Object.entries<string>(meanings).map(([status, description]) => [status, problemResponse(Number(status), description, schema)])
  return Object.fromEntries(entries) as Record<Status, ProblemResponse<Schema>>
}

function problemResponse<Schema extends TSchema>(status: number, description: string, schema: Schema): ProblemResponse<Schema> {
  return {
    description,
    ...(RETRY_AFTER_STATUSES.has(status) ? { headers: { 'retry-after': Type.Integer({ description: 'seconds to wait before retrying' }) } } : {}),
    content: { [PROBLEM_JSON]: { schema } },
  }
}

/** Answers Fastify gives on any API route, whatever the route says: documented where the route did not. */
function documentFrameworkProblems(route: RouteOptions): void {
  const schema = (route.schema ??= {})
  const response = (schema.response ??= {}) as Record<string, unknown>
  const validated = schema.params !== undefined || schema.querystring !== undefined || schema.body !== undefined
  const framework: [number, string, boolean][] = [
    [400, 'a parameter does not match its schema; `errors` names each', validated],
    [414, 'a path parameter is too long', route.url.includes(':')],
    [500, 'the server failed to answer; the error is logged', true],
  ]
  for (const [status, description, applies] of framework) {
    if (applies && response[status] === undefined) response[status] = problemResponse(status, description, Problem)
  }
}
