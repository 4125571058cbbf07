// Loads the configured province's region tree, stores it for SQL use, and serves it.
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { RegionCode, RegionDetail } from '../../shared/api'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, OUTSIDE_READ_SCOPE, UNAUTHENTICATED, problemResponses } from '../http/problem'
import { RegionTree, loadProvinceDivisions } from './region-tree'
import { estimateReferenceFigures, loadGivenFigures } from './reference-figures'
import { saveRegions } from './regions-repository'

declare module 'fastify' {
  interface FastifyInstance {
    regions: RegionTree
  }
}

export interface RegionsOptions {
  provinceCode: string
  referenceCsv: string | undefined
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/regions/:code',
    {
      // The read checks come from server/access, which stands above this folder: through the app, not an import.
      onRequest: async (request) => request.server.readGuard.requireReader(request),
      schema: {
        tags: [TAGS.regions],
        summary: 'A region, its ancestors and its children',
        description: 'Ancestors run from the province down to the parent; a county has no children.',
        params: Type.Object({ code: RegionCode }),
        response: {
          200: RegionDetail,
          ...problemResponses({ 400: '`code` is not a six-digit region code', 401: UNAUTHENTICATED, 403: OUTSIDE_READ_SCOPE, 404: '`unknown_region`: no region of the province has this code', 503: DATABASE_UNAVAILABLE }),
        },
      },
    },
    async (request) => {
      const region = app.regions.require(request.params.code)
      await request.server.readGuard.requireReadable(request, region.code)
      return { region, ancestors: app.regions.ancestors(region.code), children: [...app.regions.children(region.code)] }
    },
  )
}

export default fp<RegionsOptions>(
  async (app, options) => {
    const divisions = loadProvinceDivisions(options.provinceCode)
    const figures = estimateReferenceFigures(divisions, loadGivenFigures(options.provinceCode, options.referenceCsv))
    const tree = new RegionTree(divisions, figures)
    await saveRegions(app.database.db, tree)
    app.decorate('regions', tree)
    await app.register(routes)
  },
  { name: 'regions', dependencies: ['database'] },
)
