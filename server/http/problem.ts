// One error shape for every HTTP failure: RFC 9457 problem+json naming the field and the reason.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Problem, ProblemCode } from '../../shared/api'
import { isDatabaseUnavailable } from '../db/unavailable'

const RETRY_AFTER_SECONDS = 5

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: Problem['errors'],
    readonly code: ProblemCode = problemCodeFor(status),
  ) {
    super(detail)
  }
}

/** The code of a refusal nobody named more precisely. */
export function problemCodeFor(status: number): ProblemCode {
  switch (status) {
    case 404: return 'not_found'
    case 405: return 'method_not_allowed'
    case 413: return 'payload_too_large'
    case 414: return 'uri_too_long'
    case 415: return 'unsupported_media_type'
    case 422: return 'records_refused'
    case 503: return 'database_unavailable'
    default: return status >= 500 ? 'internal_error' : 'invalid_request'
  }
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: HttpProblem): FastifyReply {
  const body: Problem = {
    type: 'about:blank',
    code: problem.code,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance: request.url,
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
  }
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(body)
}

export function registerProblemHandlers(app: FastifyInstance): void {
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
      request.log.warn({ err: error }, 'database unavailable')
      // A source retrying after this loses nothing: a request is one transaction, and it did not commit.
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS))
      return sendProblem(reply, request, new HttpProblem(503, 'Service unavailable', `the database cannot be reached just now; nothing was changed, try again in ${RETRY_AFTER_SECONDS} s`))
    }
    const status = error.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
      return sendProblem(reply, request, new HttpProblem(status, 'Internal server error', 'the server failed to answer; the error is logged'))
    }
    return sendProblem(reply, request, new HttpProblem(status, titleFor(status), error.message))
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new HttpProblem(404, 'Not found', `no resource at ${request.method} ${request.url}`)),
  )
}

function titleFor(status: number): string {
  if (status === 413) return 'Payload too large'
  if (status === 415) return 'Unsupported media type'
  return 'Bad request'
}
