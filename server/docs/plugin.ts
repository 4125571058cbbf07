// The OpenAPI document, generated from the route schemas (TypeBox schemas are
// plain JSON Schema), at /openapi.json, and Swagger UI at /docs. Registered before
// any route so that every route is collected.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { VERSION } from '../version'

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'RegDeck API',
          version: VERSION,
          description: 'Command-centre dashboard for market regulation (市场监管). Errors are RFC 9457 problem+json.',
        },
      },
      // The document describes the API; the wall's page routes are not part of it.
      transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') ? schema : { ...schema, hide: true }, url }),
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'docs' },
)
