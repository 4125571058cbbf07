// Security headers on every answer (helmet), with a Content-Security-Policy under which the
// wall works: scripts, styles, fonts and the socket from this origin only, nothing inline
// but Swagger UI's own scripts by their hashes (its /docs pages add inline styles).
import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...app.swaggerCSP.script],
          // Svelte sets style attributes for layout (positions, widths, colours of data).
          styleSrc: ["'self'", ...app.swaggerCSP.style],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          // socket.io's polling and WebSocket go to the page's own origin.
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
          // Wall PCs reach RegDeck over plain HTTP on the command centre's network: upgrading
          // every request to HTTPS would break a wall that has no certificate to go to.
          upgradeInsecureRequests: null,
        },
      },
    })
  },
  { name: 'security-headers', dependencies: ['docs'] },
)
