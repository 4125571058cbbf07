// How this server identifies callers, for every route and socket that asks (`principal-of.ts`),
// and GET /api/v1/access: who the caller is, so a screen knows its scope before it asks for data.
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccessAnswer } from '../../shared/session'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, problemResponses } from '../http/problem'
import { type IdentifyOptions, requireAllowed, requireGranted, requirePrincipal } from './principal-of'

export interface AccessOptions extends IdentifyOptions {
  /** demo data flows: screens say 演示环境 */
  demo: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessOptions
    /** The read checks, for routes of folders this one imports (regions), which cannot import it back. */
    readGuard: {
      /** 401, or 403 for a principal that reads nowhere */
      requireReader(request: FastifyRequest): Promise<void>
      /** 401, or 403 unless the principal may read at `regionCode` */
      requireReadable(request: FastifyRequest, regionCode: string): Promise<void>
    }
  }
}

const routes: FastifyPluginAsyncTypebox<AccessOptions> = async (app, options) => {
  app.decorate('access', { anonymousProvince: options.anonymousProvince, demo: options.demo })
  app.decorate('readGuard', {
    requireReader: async (request: FastifyRequest) => {
      await requireGranted(request, 'read')
    },
    requireReadable: async (request: FastifyRequest, regionCode: string) => {
      await requireAllowed(request, 'read', regionCode)
    },
  })
  app.get(
    '/api/v1/access',
    {
      schema: {
        tags: [TAGS.session],
        summary: 'Who is asking: kind, role and region scope',
        description: 'For a session, a screen (its token as a cookie or bearer), a key, or the anonymous viewer when the server allows one. A wall starts at its scope and drills no higher.',
        response: {
          200: AccessAnswer,
          ...problemResponses({ 401: '`unauthenticated`: no credentials and no anonymous viewing, or credentials that are not valid (expired, revoked, disabled)', 503: DATABASE_UNAVAILABLE }),
        },
      },
    },
    async (request) => {
      const principal = await requirePrincipal(request)
      return {
        kind: principal.kind,
        role: principal.role,
        region: principal.region,
        name: principal.kind === 'anonymous' ? null : principal.name,
        playlist: principal.kind === 'screen' ? principal.playlist : null,
        demo: app.access.demo,
      }
    },
  )
}

export default fp(routes, { name: 'access', dependencies: ['database'] })
