// Loads the configured province's region tree, stores it for SQL use, and serves it.
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { Problem, RegionCode, RegionDetail } from '../../shared/api'
import { HttpProblem } from '../http/problem'
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
      schema: {
        params: Type.Object({ code: RegionCode }),
        response: { 200: RegionDetail, 404: Problem },
      },
    },
    async (request) => {
      const { code } = request.params
      const region = app.regions.get(code)
      if (region === undefined) {
        throw new HttpProblem(404, 'Unknown region', `region ${code} is not a map region of ${app.regions.province.name} (${app.regions.province.code})`)
      }
      return { region, ancestors: app.regions.ancestors(code), children: [...app.regions.children(code)] }
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
