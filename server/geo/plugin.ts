import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Problem, RegionCode } from '../../shared/api'
import { HttpProblem } from '../http/problem'
import { boundariesVersion } from './boundaries-repository'
import { RegionShapes } from './region-shapes'

declare module 'fastify' {
  interface FastifyInstance {
    regionShapes: RegionShapes
    /** changes when imported boundaries change; part of geometry URLs so they can be cached for good */
    geoVersion: string
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/geo/:code',
    {
      schema: {
        params: Type.Object({ code: RegionCode }),
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: {
          200: Type.Unknown({ description: 'TopoJSON; object "regions" holds one feature per child region with properties code, name, schematic' }),
          304: Type.Null(),
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params
      if (!app.regions.has(code)) {
        throw new HttpProblem(404, 'Unknown region', `region ${code} is not a map region of ${app.regions.province.name} (${app.regions.province.code})`)
      }
      const document = await app.regionShapes.topologyFor(code)
      reply.header('etag', document.etag)
      // A URL naming the current version never changes meaning; anything else revalidates.
      reply.header('cache-control', request.query.v === app.geoVersion ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate')
      if (request.headers['if-none-match'] === document.etag) return reply.code(304).send(null)
      return reply.type('application/json; charset=utf-8').send(document.json)
    },
  )
}

export default fp(
  async (app) => {
    app.decorate('regionShapes', new RegionShapes(app.database.db, app.regions, app.log))
    app.decorate('geoVersion', await boundariesVersion(app.database.db))
    await app.register(routes)
  },
  { name: 'geo', dependencies: ['database', 'regions'] },
)
