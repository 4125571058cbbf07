import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { RegionCode } from '../../shared/api'
import { onlyReaders } from '../access/principal-of'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, NOT_A_READER, UNAUTHENTICATED, problemResponses } from '../http/problem'
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
      // Map shapes are not business data: any reader gets any region's, so a county's wall draws its city.
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.geo],
        summary: "Map shapes of a region's children (a county: itself)",
        description: 'Send `v` = `geoVersion` of `/api/v1/config` and the answer is cached for good; an `If-None-Match` with the ETag answers 304.',
        params: Type.Object({ code: RegionCode }),
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64, description: 'geoVersion of /api/v1/config' })) }),
        response: {
          200: Type.Unknown({ description: 'TopoJSON; object "regions" holds one feature per child region with properties code, name, schematic' }),
          304: Type.Null({ description: 'the shapes named by If-None-Match are current' }),
          ...problemResponses({
            400: '`code` is not a six-digit region code, or `v` is longer than 64 characters',
            401: UNAUTHENTICATED,
            403: NOT_A_READER,
            404: '`unknown_region`: no region of the province has this code',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request, reply) => {
      const { code } = app.regions.require(request.params.code)
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
