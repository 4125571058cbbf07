import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ClientConfig, Health } from '../../shared/api'
import { sql } from 'kysely'
import { VERSION } from '../version'

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/health', { schema: { response: { 200: Health, 503: Type.Object({ status: Type.Literal('unavailable'), reason: Type.String() }) } } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.database.db)
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable' as const, reason: `database: ${(error as Error).message}` })
    }
    return { status: 'ok' as const, database: app.database.kind, version: VERSION }
  })

  app.get('/api/v1/config', { schema: { response: { 200: ClientConfig } } }, async () => ({
    provinceCode: app.regions.province.code,
    version: VERSION,
    geoVersion: app.geoVersion,
  }))
}

export default health
