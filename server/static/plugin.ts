// Serves the built client; /login, /admin, /desk and every /wall path answer with the single-page app, a wall
// path after trading a `?screen=` token for its cookie.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { answerScreenToken } from '../access/screen-exchange'

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/client')

const staticFiles: FastifyPluginAsync = async (app) => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    app.log.warn(`no built client in ${CLIENT_DIST}: run "npm run build:client"; the API still works`)
    return
  }
  await app.register(fastifyStatic, {
    root: CLIENT_DIST,
    wildcard: false,
    index: false,
    // File names under assets/ carry a content hash, so they never change.
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  const sendApp = (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache')
    return reply.sendFile('index.html')
  }
  // A wall URL with ?screen=rds_… trades the token for the screen cookie first (docs/access.md, Screens).
  const sendWall = async (request: FastifyRequest, reply: FastifyReply) => ((await answerScreenToken(request, reply)) ? reply : sendApp(request, reply))
  app.get('/', (_request, reply) => reply.redirect('/wall'))
  app.get('/login', sendApp)
  app.get('/admin', sendApp)
  app.get('/desk', sendApp)
  app.get('/wall', sendWall)
  app.get('/wall/*', sendWall)
}

export default staticFiles
