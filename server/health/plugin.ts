import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ClientConfig, Health } from '../../shared/api'
import { sql } from 'kysely'
import { TAGS } from '../docs/tags'
import { HttpProblem, problemResponses } from '../http/problem'
import { VERSION } from '../version'

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: [TAGS.system],
        summary: 'Whether this instance can answer, and on which database',
        description: 'Asks the database `select 1`; for load balancers and monitoring.',
        response: { 200: Health, ...problemResponses({ 503: '`database_unavailable`: the database did not answer; `detail` says what it said' }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(app.database.db)
      } catch (error) {
        throw new HttpProblem(503, 'Service unavailable', `the database cannot be reached: ${(error as Error).message}`)
      }
      return { status: 'ok' as const, database: app.database.kind, version: VERSION }
    },
  )

  app.get(
    '/api/v1/config',
    { schema: { tags: [TAGS.system], summary: 'What a screen needs to know before it asks for anything else', response: { 200: ClientConfig } } },
    async () => ({
      provinceCode: app.regions.province.code,
      version: VERSION,
      geoVersion: app.geoVersion,
      regionNamesEn: app.regions.englishNames(),
    }),
  )
}

export default health
