// POST, GET and DELETE /api/v1/keys and /api/v1/screens: integrator keys and wall screens, for
// an administrator and inside its scope. A token is answered once, by the create that makes it.
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AdminTokenHolder, CreateKeyBody, CreateScreenBody, CreatedKey, CreatedScreen, TokenHolderParams } from '../../shared/admin'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, HttpProblem, problemResponses } from '../http/problem'
import { ADMIN_CHANGE_HOOKS, NOT_ADMINISTERED, NOT_ADMINISTERED_OR_NO_CSRF, NO_SESSION, actorOf, administers, onlyAdministrators, refuseField, requireAdministrator, requireGrantable } from './administrator'
import { playlistProblem, wallUrl } from './screen-wall'
import { type TokenHolder, createTokenHolder, findTokenHolder, listTokenHolders, revokeTokenHolder } from './token-holders-repository'
import type { TokenKind } from './tokens'

const ROLE_OF: Record<TokenKind, 'integrator' | 'screen'> = { key: 'integrator', screen: 'screen' }
const PLURAL: Record<TokenKind, string> = { key: 'keys', screen: 'screens' }

/** A create's refusals, `badBody` saying what a 400 means beyond an unknown region. */
const createRefusals = (badBody: string) =>
  problemResponses({
    400: `${badBody}; \`unknown_region\`: no region of the province has the code`,
    401: NO_SESSION,
    403: NOT_ADMINISTERED_OR_NO_CSRF,
    415: 'the body is not JSON',
    503: DATABASE_UNAVAILABLE,
  })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tree = app.regions

  app.post(
    '/api/v1/keys',
    {
      ...ADMIN_CHANGE_HOOKS,
      schema: {
        tags: [TAGS.admin],
        summary: 'Create an integrator key inside your scope',
        description: 'Answers the key (`rdk_…`) once: only its SHA-256 is kept, so it cannot be shown again.',
        body: CreateKeyBody,
        response: {
          201: CreatedKey,
          ...createRefusals('the body is not `{ name, region }`'),
        },
      },
    },
    async (request, reply) => {
      const admin = await requireAdministrator(request)
      const { name, region } = request.body
      requireGrantable(admin, ROLE_OF.key, region, tree)
      const { token, holder } = await createTokenHolder(app.database.db, { kind: 'key', name, region }, actorOf(admin))
      return reply.code(201).send({ key: toAdminTokenHolder(holder), token })
    },
  )

  app.post(
    '/api/v1/screens',
    {
      ...ADMIN_CHANGE_HOOKS,
      schema: {
        tags: [TAGS.admin],
        summary: 'Create a screen token inside your scope',
        description: 'Answers the token (`rds_…`) once, with the wall URL to open on the screen PC; only its SHA-256 is kept.',
        body: CreateScreenBody,
        response: {
          201: CreatedScreen,
          ...createRefusals('the body is not `{ name, region, playlist? }`, or the playlist names no wall screen'),
        },
      },
    },
    async (request, reply) => {
      const admin = await requireAdministrator(request)
      const { name, region } = request.body
      requireGrantable(admin, ROLE_OF.screen, region, tree)
      const problem = request.body.playlist === undefined ? undefined : playlistProblem(request.body.playlist)
      refuseField('body.playlist', problem === undefined ? undefined : `the playlist ${problem}`)
      const playlist = request.body.playlist?.join(',')
      const { token, holder } = await createTokenHolder(app.database.db, { kind: 'screen', name, region, playlist }, actorOf(admin))
      const origin = `${request.protocol}://${request.host}`
      return reply.code(201).send({ screen: toAdminTokenHolder(holder), token, wallUrl: wallUrl(origin, region, playlist, token) })
    },
  )

  for (const kind of ['key', 'screen'] as const) {
    const path = `/api/v1/${PLURAL[kind]}`

    app.get(
      path,
      {
        onRequest: onlyAdministrators,
        schema: {
          tags: [TAGS.admin],
          summary: `The ${PLURAL[kind]} inside your scope, revoked ones included`,
          description: 'Never a token: it was answered once, when it was made.',
          response: { 200: Type.Array(AdminTokenHolder), ...problemResponses({ 401: NO_SESSION, 403: NOT_ADMINISTERED, 503: DATABASE_UNAVAILABLE }) },
        },
      },
      async (request) => {
        const admin = await requireAdministrator(request)
        const holders = await listTokenHolders(app.database.db)
        return holders.filter((holder) => holder.kind === kind && administers(admin, holder.region, tree)).map(toAdminTokenHolder)
      },
    )

    app.delete(
      `${path}/:id`,
      {
        ...ADMIN_CHANGE_HOOKS,
        schema: {
          tags: [TAGS.admin],
          summary: `Revoke a ${kind}`,
          description: `Its token stops working at once. Revoking a revoked ${kind} changes nothing and answers 204 too.`,
          params: TokenHolderParams,
          response: {
            204: Type.Null({ description: 'revoked' }),
            ...problemResponses({ 401: NO_SESSION, 403: NOT_ADMINISTERED_OR_NO_CSRF, 404: `\`not_found\`: no ${kind} with this id lies in your scope`, 503: DATABASE_UNAVAILABLE }),
          },
        },
      },
      async (request, reply) => {
        const admin = await requireAdministrator(request)
        const { id } = request.params
        // A key's or screen's region never changes, so the scope checked here is the one revoked.
        const holder = await findTokenHolder(app.database.db, id)
        if (holder === undefined || holder.kind !== kind || !administers(admin, holder.region, tree)) {
          throw new HttpProblem(404, 'Not found', `no ${kind} with the id "${id}" lies in your scope`)
        }
        await revokeTokenHolder(app.database.db, id, actorOf(admin))
        return reply.code(204).send(null)
      },
    )
  }
}

const toAdminTokenHolder = (holder: TokenHolder): AdminTokenHolder => ({
  id: holder.id,
  name: holder.name,
  region: holder.region,
  ...(holder.kind === 'screen' ? { playlist: holder.playlist } : {}),
  created: holder.createdAt.toISOString(),
  lastUsed: holder.lastUsedAt?.toISOString() ?? null,
  revoked: holder.revokedAt?.toISOString() ?? null,
})

export default fp(routes, { name: 'token-holder-routes', dependencies: ['database', 'regions', '@fastify/cookie'] })
