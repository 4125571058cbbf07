// POST /api/v1/records: JSON, NDJSON or CSV in, one IngestResult (or one
// problem+json) out. Parsers here only turn the body into something the handler
// can read; all judging of records happens in IngestRun.
import type { IncomingMessage } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyRequest, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { type FastifyPluginAsyncTypebox, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import { onlyGranted, requirePrincipal } from '../access/principal-of'
import { allows } from '../access/roles'
import { TAGS } from '../docs/tags'
import { HttpProblem } from '../http/problem'
import { csvBodyText, requireUtf8Charset, utf8BodyText } from './body-text'
import { csvItems } from './csv-records'
import { IngestBody, IngestQuery, ingestResponses } from './ingest-http-schemas'
import type { IngestItem } from './ingest-item'
import { IngestRun } from './ingest-run'
import { jsonItems, ndjsonItem, parseJsonBody } from './json-body'
import { ndjsonLines } from './ndjson-lines'

const BATCH_SIZE = 500
const MAX_NDJSON_LINE_BYTES = 1024 * 1024
const SUPPORTED_TYPES = 'application/json, application/x-ndjson or text/csv (with ?type=)'

type ParsedBody = { format: 'json'; value: unknown } | { format: 'csv'; text: string } | { format: 'ndjson'; stream: IncomingMessage }

// Bodies are judged record by record in the handler; the query goes through TypeBox,
// with enum errors naming the allowed values.
const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  if (route.httpPart === 'body') return () => true
  const validate = TypeBoxValidatorCompiler(route)
  return (value: unknown) => {
    const outcome = validate(value) as { value?: unknown; error?: FastifySchemaValidationError[] }
    for (const error of outcome.error ?? []) {
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues
      if (error.keyword === 'enum' && allowed !== undefined) error.message = `must be one of ${allowed.join(', ')}`
    }
    return outcome
  }
}

export interface IngestRoutesOptions {
  /** requests a minute per key (REGDECK_INGEST_RATE_LIMIT) */
  ratePerMinute: number
}

const routes: FastifyPluginAsyncTypebox<IngestRoutesOptions> = async (app, { ratePerMinute }) => {
  app.removeAllContentTypeParsers()
  // Bytes, not strings: Fastify's own decoding would turn bytes that are not UTF-8 into U+FFFD.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    done(null, { format: 'json', value: parseJsonBody(utf8BodyText(body as Buffer, request.headers['content-type'])) } satisfies ParsedBody)
  })
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (request, body, done) => {
    done(null, { format: 'csv', text: csvBodyText(body as Buffer, request.headers['content-type']) } satisfies ParsedBody)
  })
  // No parseAs: the handler reads the stream itself, line by line, never the whole body at once.
  app.addContentTypeParser('application/x-ndjson', (request, payload, done) => {
    requireUtf8Charset(request.headers['content-type'], 'NDJSON')
    done(null, { format: 'ndjson', stream: payload } satisfies ParsedBody)
  })
  app.addContentTypeParser('*', (request, _payload, done) => {
    done(new HttpProblem(415, 'Unsupported media type', `records are sent as ${SUPPORTED_TYPES}, not ${request.headers['content-type']}`))
  })

  app.setErrorHandler((error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = app.initialConfig.bodyLimit ?? 0
      throw new HttpProblem(413, 'Payload too large', `JSON and CSV bodies may be at most ${limit} bytes (${limit / 1024 / 1024} MiB); send larger loads as application/x-ndjson with ?partial=true`)
    }
    throw error // the app's handler turns everything else into problem+json
  })

  app.post(
    '/api/v1/records',
    {
      // Credentials before the body is read: whoever may not write learns nothing, not even what a valid body looks like.
      onRequest: onlyGranted('write_records'),
      // Counted per key, after the key is known: one busy source never slows another.
      config: { rateLimit: ingestRateLimit(ratePerMinute) },
      validatorCompiler,
      schema: {
        tags: [TAGS.ingest],
        summary: 'Ingest records from a source system',
        description:
          'Inspections, food sampling, complaints, reports, cases and campaigns, sent with an integrator key as `Authorization: Bearer rdk_…`; every record must lie in the key\'s scope, or nothing is written (403). Atomic by default: one invalid record and nothing is written (422, every error listed). With partial=true the valid records are written and the rest reported (200).',
        querystring: IngestQuery,
        body: IngestBody,
        response: ingestResponses(ratePerMinute),
      },
    },
    async (request) => {
      const body = request.body as ParsedBody | undefined
      const { partial = false, type } = request.query
      if (body === undefined) throw new HttpProblem(400, 'Empty body', `the body is empty: send records as ${SUPPORTED_TYPES}`)
      const writer = await requirePrincipal(request)
      const run = new IngestRun({
        ingester: app.ingest,
        context: { regions: app.regions, now: new Date() },
        partial,
        streamed: body.format === 'ndjson',
        scope: { region: writer.region, mayWriteAt: (regionCode) => allows(writer, 'write_records', regionCode, app.regions) },
        ...(type === undefined ? {} : { expectedType: type }),
      })
      switch (body.format) {
        case 'json':
          await addInBatches(run, jsonItems(body.value))
          break
        case 'csv':
          if (type === undefined) throw new HttpProblem(400, 'Record type missing', 'a CSV body needs ?type=<record type> naming the type of every row')
          await addInBatches(run, csvItems(body.text, type))
          break
        case 'ndjson': {
          // Atomic mode holds every record until the last line is read, so it keeps to the JSON size limit.
          const limits = { maxLineBytes: MAX_NDJSON_LINE_BYTES, ...(partial ? {} : { maxTotalBytes: app.initialConfig.bodyLimit }) }
          let batch: IngestItem[] = []
          for await (const line of ndjsonLines(body.stream, limits)) {
            batch.push(line.problem === undefined ? ndjsonItem(line.line, line.text) : { position: { line: line.line }, problems: [{ field: '', message: `line ${line.problem}` }] })
            if (batch.length === BATCH_SIZE) {
              await run.add(batch)
              batch = []
            }
          }
          await run.add(batch)
          break
        }
      }
      return run.finish()
    },
  )
}

/** The route's rate limit: `max` requests a minute for each key, answered like every refusal. */
function ingestRateLimit(max: number) {
  return {
    max,
    timeWindow: 60_000,
    // onlyGranted has run: the principal is known, and is a key.
    keyGenerator: async (request: FastifyRequest) => `records:${(await requirePrincipal(request)).id}`,
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) =>
      new HttpProblem(429, 'Too many requests', `at most ${context.max} requests a minute from one key; retry in ${context.after}`, undefined, 'too_many_requests'),
  }
}

async function addInBatches(run: IngestRun, items: readonly IngestItem[]): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) await run.add(items.slice(start, start + BATCH_SIZE))
}

export default fp<IngestRoutesOptions>(
  async (app, options) => {
    await app.register(routes, options)
  },
  { name: 'ingest-routes', dependencies: ['regions', 'ingest-service', 'access'] },
)
