// The duty desk's alert routes: the open list of a region's subtree, one alert with its
// history, a duty officer acknowledging or snoozing one, and the rules' thresholds
// (read by readers, changed by the province's administrator).
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ALERT_RULES, Alert, AlertDetail, AlertList, AlertRuleEntry, AlertRuleList, AlertRuleSettings, AlertsQuery, SnoozeRequest } from '../../shared/alerts'
import { actorOf, requireAdministrator } from '../access/administrator'
import { requireCsrfToken } from '../access/csrf'
import { onlyGranted, onlyReaders, requireAllowed, requireGranted } from '../access/principal-of'
import { allows, type Principal } from '../access/roles'
import { TAGS } from '../docs/tags'
import { DATABASE_UNAVAILABLE, HttpProblem, OUTSIDE_READ_SCOPE, UNAUTHENTICATED, problemResponses } from '../http/problem'
import { isoInTimeZone } from '../time/zoned-time'
import { type StoredRuleEntry, readRuleEntries, saveAlertSettings, settingsProblems } from './alert-settings'
import { readAlertDetail, readAlerts } from './alert-reads'
import { acknowledgeAlert, snoozeAlert } from './alert-steps'

export interface AlertRoutesOptions {
  timeZone: string
  /** the instant reads and steps are taken at; tests pass their own */
  now: () => Date
}

const AlertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
const RuleParams = Type.Object({ rule: Type.Enum([...ALERT_RULES]) })
const NOT_A_DUTY_OFFICER = "`forbidden`: the principal's role does not raise tasks (only a duty officer acknowledges or snoozes); `csrf_refused`: the x-csrf-token header is missing or is not this session's token"
const UNKNOWN_ALERT = '`not_found`: no alert has this id in your scope (a grouped alert is read through its children)'

export const alertRoutes: FastifyPluginAsyncTypebox<AlertRoutesOptions> = async (app, { timeZone, now }) => {
  const db = app.database.db
  const tree = app.regions

  /** The alert if the caller may read its region; 404 otherwise, as if it were not there. */
  const readableAlert = async (request: FastifyRequest, id: string, principal: Principal) => {
    const alert = await readAlertDetail(db, tree, timeZone, id)
    if (alert === undefined || !allows(principal, 'read', alert.regionCode, tree)) throw new HttpProblem(404, 'Not found', `there is no alert ${id} in the scope of ${principal.region}`)
    return alert
  }

  app.get(
    '/api/v1/alerts',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.alerts],
        summary: "The alerts of a region's subtree",
        description:
          "`region` defaults to your scope. `state`: `open` (the default) lists firing alerts that are not snoozed, `firing` snoozed ones too, `resolved` the cleared ones. Most severe and newest first; a rule firing in enough children of one region (its `groupChildren` setting) is one grouped alert of that region with the children listed.",
        querystring: AlertsQuery,
        response: {
          200: AlertList,
          ...problemResponses({
            400: '`invalid_request`: `region` is not a six-digit region code, or `state` or `rule` is not one of the listed values',
            401: UNAUTHENTICATED,
            403: OUTSIDE_READ_SCOPE,
            404: '`unknown_region`: no region of the province has this code',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request) => {
      const principal = await requireGranted(request, 'read')
      const region = tree.require(request.query.region ?? principal.region)
      await requireAllowed(request, 'read', region.code)
      return { regionCode: region.code, alerts: await readAlerts(db, tree, timeZone, region.code, { state: request.query.state, rule: request.query.rule, now: now() }) }
    },
  )

  app.get(
    '/api/v1/alerts/:id',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.alerts],
        summary: 'One alert with its state history',
        params: AlertParams,
        response: { 200: AlertDetail, ...problemResponses({ 400: '`invalid_request`: `id` is longer than 64 characters', 401: UNAUTHENTICATED, 403: OUTSIDE_READ_SCOPE, 404: UNKNOWN_ALERT, 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async (request) => readableAlert(request, request.params.id, await requireGranted(request, 'read')),
  )

  /** A duty officer's step on an alert of its scope: 404 outside it, 409 on a resolved alert. */
  const step = (summary: string, description: string, body: typeof SnoozeRequest | undefined) => ({
    onRequest: onlyGranted('raise_task'),
    preHandler: requireCsrfToken,
    schema: {
      tags: [TAGS.alerts],
      summary,
      description,
      params: AlertParams,
      ...(body === undefined ? {} : { body }),
      response: {
        200: Alert,
        ...problemResponses({
          400: `\`invalid_request\`: ${body === undefined ? '`id` is longer than 64 characters' : '`id` is longer than 64 characters, or the body is not `{ minutes: 5–10080, reason }`'}`,
          401: UNAUTHENTICATED,
          403: NOT_A_DUTY_OFFICER,
          404: UNKNOWN_ALERT,
          409: '`conflict`: the alert is resolved; only a firing alert is acknowledged or snoozed',
          503: DATABASE_UNAVAILABLE,
        }),
        ...(body === undefined ? {} : problemResponses({ 415: 'the body is not JSON' })),
      },
    },
  })

  /** The alert as it stands after a step; a step on a resolved one is refused. */
  const stepOn = async (request: FastifyRequest<{ Params: { id: string } }>, take: (principal: Principal, regionCode: string) => Promise<boolean>) => {
    const principal = await requireGranted(request, 'raise_task')
    const alert = await readableAlert(request, request.params.id, principal)
    await requireAllowed(request, 'raise_task', alert.regionCode)
    if (!(await take(principal, alert.regionCode))) throw new HttpProblem(409, 'Conflict', `alert ${alert.id} is resolved; only a firing alert is acknowledged or snoozed`)
    app.events.alertsChanged.publish({ regionCodes: [alert.regionCode] })
    const { history: _history, ...after } = await readableAlert(request, request.params.id, principal)
    return after
  }

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    step('Acknowledge a firing alert', 'Recorded with who and when, in its history. A duty officer of a scope that holds the alert.', undefined),
    async (request) => stepOn(request, (principal) => acknowledgeAlert(db, request.params.id, actorName(principal), now())),
  )

  app.post(
    '/api/v1/alerts/:id/snooze',
    step(
      'Snooze a firing alert for a while, with a reason',
      'It stays firing but leaves the open list and the live snapshot until the time is up, then comes back by itself. A duty officer of a scope that holds the alert.',
      SnoozeRequest,
    ),
    async (request) => stepOn(request, (principal) => snoozeAlert(db, request.params.id, actorName(principal), request.body as SnoozeRequest, now())),
  )

  const entryOf = (entry: StoredRuleEntry): AlertRuleEntry => ({ ...entry, updatedAt: entry.updatedAt === null ? null : isoInTimeZone(entry.updatedAt, timeZone) })

  app.get(
    '/api/v1/alert-rules',
    {
      onRequest: onlyReaders,
      schema: {
        tags: [TAGS.alerts],
        summary: "Every rule's thresholds, with its defaults",
        response: { 200: AlertRuleList, ...problemResponses({ 401: UNAUTHENTICATED, 403: "`forbidden`: the principal's role does not read (an admin, an integrator key)", 503: DATABASE_UNAVAILABLE }) },
      },
    },
    async () => ({ rules: (await readRuleEntries(db)).map(entryOf) }),
  )

  app.put(
    '/api/v1/alert-rules/:rule',
    {
      // The province's administrator, before the body is even read.
      onRequest: async (request) => {
        await requireAdministrator(request)
        await requireAllowed(request, 'administer', tree.province.code)
      },
      preHandler: requireCsrfToken,
      schema: {
        tags: [TAGS.alerts],
        summary: "Change a rule's thresholds",
        description: 'The whole settings object; the province\'s administrator alone, since one rule holds everywhere. Audited. `clearLevel` must lie below `fireLevel`.',
        params: RuleParams,
        body: AlertRuleSettings,
        response: {
          200: AlertRuleEntry,
          ...problemResponses({
            400: '`invalid_request`: `rule` names no rule, or the body is not the settings object',
            401: '`unauthenticated`: no session cookie, or its session expired, was ended, or its user was disabled',
            403: "`forbidden`: the session's role does not administer the province; `csrf_refused`: the x-csrf-token header is missing or is not this session's token",
            415: 'the body is not JSON',
            422: '`invalid_settings`: `clearLevel` is not below `fireLevel`, or `fireLevel` is 0',
            503: DATABASE_UNAVAILABLE,
          }),
        },
      },
    },
    async (request) => {
      const admin = await requireAdministrator(request)
      const settings = request.body as AlertRuleSettings
      const problems = settingsProblems(settings)
      if (problems.length > 0) throw new HttpProblem(422, 'Invalid settings', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), problems, 'invalid_settings')
      await saveAlertSettings(db, request.params.rule, settings, actorOf(admin))
      const entry = (await readRuleEntries(db)).find((candidate) => candidate.rule === request.params.rule) as StoredRuleEntry
      return entryOf(entry)
    },
  )
}

const actorName = (principal: Principal): string => (principal.kind === 'user' ? principal.name : principal.id)
