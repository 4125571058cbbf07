// The OpenAPI document, generated from the route schemas (TypeBox schemas are
// plain JSON Schema), at /openapi.json, and Swagger UI at /docs. Registered before
// any route so that every route is collected.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Problem } from '../../shared/api'
import { API_PREFIX } from '../http/problem'
import { VERSION } from '../version'
import { TAG_DESCRIPTIONS } from './tags'

const DESCRIPTION = `Command-centre dashboard for market regulation (市场监管).

Every error is RFC 9457 \`application/problem+json\` (schema \`Problem\`): \`code\` says why in a stable word for programs to map to their own message, \`detail\` says it in English for people, \`errors\` names each field at fault. Besides what each operation lists, a path no route serves answers 404 \`not_found\`, and a path served for other methods answers 405 \`method_not_allowed\` with an \`Allow\` header.`

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'RegDeck API', version: VERSION, description: DESCRIPTION },
        tags: Object.entries(TAG_DESCRIPTIONS).map(([name, description]) => ({ name, description })),
        components: { schemas: { Problem } },
      },
      // The document describes the API; the wall's page routes are not part of it.
      transform: ({ schema, url }) => ({ schema: url.startsWith(API_PREFIX) ? schema : { ...schema, hide: true }, url }),
    })
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // Swagger UI sets its styles inline; its pages alone allow that (the wall needs none).
      transformStaticCSP: (header) => header.replace(/style-src ([^;]*)/, "style-src $1 'unsafe-inline'"),
    })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'docs' },
)
