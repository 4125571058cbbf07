// GET /api/v1/audit: the audit log, newest first, for an administrator. A province administrator
// reads every entry (logins and failed logins of unknown names included); any other reads the
// entries about users, keys and screens that lie in its scope now.
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditPage, AuditQuery } from '../../shared/admin'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, problemResponses } from '../http/problem'
import { NOT_ADMINISTERED, NO_SESSION, onlyAdministrators, requireAdministrator } from './administrator'
import { listAudit } from './audit-log'

const DEFAULT_PAGE = 100

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tree = app.regions

  app.get(
    '/api/v1/audit',
    {
      onRequest: onlyAdministrators,
      schema: {
        tags: [TAGS.admin],
        summary: 'The audit log, newest first',
        description:
          'Pages of `limit` entries; pass `nextBefore` as `before` for the next, older page. A province administrator reads every entry; any other only those about the users, keys and screens in its scope.',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problemResponses({ 401: NO_SESSION, 403: NOT_ADMINISTERED, 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const admin = await requireAdministrator(request)
      const limit = request.query.limit ?? DEFAULT_PAGE
      const wholeProvince = admin.region === tree.province.code
      const rows = await listAudit(app.database.db, { limit, before: request.query.before, subtreePrefix: wholeProvince ? undefined : tree.subtreePrefix(admin.region) })
      const last = rows.at(-1)
      return {
        entries: rows.map((row) => ({ ...row, at: row.at.toISOString() })),
        nextBefore: rows.length === limit && last !== undefined ? last.id : null,
      }
    },
  )
}

export default fp(routes, { name: 'audit-routes', dependencies: ['database', 'regions', '@fastify/cookie'] })
