// POST, GET and PATCH /api/v1/users: people's accounts, for an administrator and inside its scope.
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { AdminUser, CreateUserBody, UpdateUserBody, UsernameParams } from '../../shared/admin'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, HttpProblem, problemResponses } from '../http/problem'
import { ADMIN_CHANGE_HOOKS, NOT_ADMINISTERED, NOT_ADMINISTERED_OR_NO_CSRF, NO_SESSION, actorOf, administers, onlyAdministrators, refuseField, requireAdministrator, requireGrantable } from './administrator'
import { hashPassword, passwordProblem } from './passwords'
import { USER_ROLES, type UserRole, isUserRole } from './roles'
import { usernameProblem } from './usernames'
import { type UserAccount, createUser, listUsers, updateUser } from './users-repository'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tree = app.regions

  app.post(
    '/api/v1/users',
    {
      ...ADMIN_CHANGE_HOOKS,
      schema: {
        tags: [TAGS.admin],
        summary: 'Create a user inside your scope',
        description: 'The role is one of admin, leader, duty_officer, region_officer; the region must lie in your scope.',
        body: CreateUserBody,
        response: {
          201: AdminUser,
          ...problemResponses({
            400: 'the body is not `{ username, password, role, region }`, the username or password is not acceptable, the role is unknown; `unknown_region`: no region of the province has the code',
            401: NO_SESSION,
            403: NOT_ADMINISTERED_OR_NO_CSRF,
            409: '`conflict`: the username is taken',
            415: 'the body is not JSON',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request, reply) => {
      const admin = await requireAdministrator(request)
      const { username, password, region } = request.body
      refuseField('body.username', usernameProblem(username))
      const role = requireUserRole(request.body.role)
      requireGrantable(admin, role, region, tree)
      refuseField('body.password', passwordProblem(password))
      const account = await createUser(app.database.db, { username, passwordHash: await hashPassword(password), role, region }, actorOf(admin))
      if (account === undefined) throw new HttpProblem(409, 'Conflict', `the username "${username}" is taken`)
      return reply.code(201).send(toAdminUser(account))
    },
  )

  app.get(
    '/api/v1/users',
    {
      onRequest: onlyAdministrators,
      schema: {
        tags: [TAGS.admin],
        summary: 'The users inside your scope',
        response: { 200: Type.Array(AdminUser), ...problemResponses({ 401: NO_SESSION, 403: NOT_ADMINISTERED, 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => {
      const admin = await requireAdministrator(request)
      const users = await listUsers(app.database.db)
      return users.filter((user) => administers(admin, user.region, tree)).map(toAdminUser)
    },
  )

  app.patch(
    '/api/v1/users/:username',
    {
      ...ADMIN_CHANGE_HOOKS,
      schema: {
        tags: [TAGS.admin],
        summary: "Change a user's role, region, disabled flag or password",
        description: 'Give only what changes. The new role and region must lie in your scope; a new password lifts a lockout and ends the user\'s sessions, and so does disabling. You cannot disable yourself or give up your own admin role.',
        params: UsernameParams,
        body: UpdateUserBody,
        response: {
          200: AdminUser,
          ...problemResponses({
            400: 'the body changes nothing or is not one of role, region, disabled, password; the role is unknown or the password not acceptable; `unknown_region`: no region of the province has the code',
            401: NO_SESSION,
            403: `${NOT_ADMINISTERED_OR_NO_CSRF}; an administrator disabling itself or giving up its own admin role`,
            404: '`not_found`: no user of this name lies in your scope',
            415: 'the body is not JSON',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request) => {
      const admin = await requireAdministrator(request)
      const { username } = request.params
      const { region, disabled, password } = request.body
      const role = request.body.role === undefined ? undefined : requireUserRole(request.body.role)
      if (password !== undefined) refuseField('body.password', passwordProblem(password))
      const passwordHash = password === undefined ? undefined : await hashPassword(password)
      const outcome = await updateUser(app.database.db, username, { role, region, disabled, passwordHash }, actorOf(admin), (before) => {
        if (!administers(admin, before.region, tree)) return false
        // Otherwise the last administrator of a scope could leave it with nobody to undo the change.
        if (before.id === admin.id && (disabled === true || (role !== undefined && role !== 'admin'))) {
          throw new HttpProblem(403, 'Forbidden', 'an administrator cannot disable itself or give up its own admin role; another administrator can')
        }
        // Checked against the account as it is now: what it becomes must lie in scope too.
        requireGrantable(admin, role ?? before.role, region ?? before.region, tree)
        return true
      })
      if ('updated' in outcome) return toAdminUser(outcome.updated)
      throw new HttpProblem(404, 'Not found', `no user named "${username}" lies in your scope`)
    },
  )
}

function requireUserRole(role: string): UserRole {
  if (isUserRole(role)) return role
  const problem = `a user is one of ${USER_ROLES.join(', ')}, not "${role}"`
  throw new HttpProblem(400, 'Invalid request', problem, [{ field: 'body.role', message: problem }])
}

const toAdminUser = (user: UserAccount): AdminUser => ({
  id: user.id,
  name: user.username,
  role: user.role,
  region: user.region,
  disabled: user.disabled,
  created: user.createdAt.toISOString(),
  lastLogin: user.lastLoginAt?.toISOString() ?? null,
})

export default fp(routes, { name: 'user-routes', dependencies: ['database', 'regions', '@fastify/cookie'] })
