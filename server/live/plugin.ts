// socket.io on the app's HTTP server: a heartbeat for every screen, and views
// (region × period) that a screen subscribes to: a snapshot, then a delta per tick
// whenever the view's values changed (a commit in its region, a new day). Only who may
// read: the handshake is identified, every request's region checked against the caller's
// scope, and a socket whose credentials stop working is closed within a heartbeat or two.
import fp from 'fastify-plugin'
import { Server, type Socket } from 'socket.io'
import type { Static } from 'typebox'
import {
  type Heartbeat,
  LIVE_CLIENT_EVENTS,
  LIVE_CLIENT_REQUESTS,
  LIVE_NAMESPACE,
  type LiveAccessEnded,
  type LiveAck,
  type LiveClientEvent,
  type LiveClientToServerEvents,
  type LiveConnectErrorCode,
  type LiveServerToClientEvents,
  LiveStats,
} from '../../shared/live'
import { READER_REFUSALS, SESSION_REFUSED, forbiddenDetail, identify, onlyReaders } from '../access/principal-of'
import { type Principal, allows } from '../access/roles'
import { type HeldCredential, cameOverHttps, compileTrustProxy, credentialKey, handshakeCredentials, heldCredential, reidentify, sameAccess } from '../access/socket-access'
import { TAGS } from '../docs/tags'
import { runEvery } from '../jobs/interval-job'
import { isoInTimeZone, localDateOf } from '../time/zoned-time'
import { type CounterTouch, touchOf, touchOfAlerts, touchOfTasks, touchedAnything } from '../metrics/counter-touch'
import { messageOf, touchOfMessage } from './commit-message'
import { readLiveAlerts } from '../alerts/alert-reads'
import { DatabaseStatus } from './database-status'
import { LiveRequestError, parseRequest, requireRegion } from './live-snapshots'
import { LiveViews, roomOf } from './live-views'
import { PostgresAdapter } from './postgres-adapter'

declare module 'fastify' {
  interface FastifyInstance {
    io: Server
  }
}

export interface LiveOptions {
  /** a PostgreSQL server: instances sharing it learn of each other's commits through the socket.io adapter */
  databaseUrl: string | undefined
  heartbeatMs: number
  /** at most one delta per view per tick */
  tickMs: number
  timeZone: string
  /** REGDECK_TRUST_PROXY: whose X-Forwarded-Proto a handshake believes, as for HTTP requests */
  trustProxy: string | undefined
}

/** Who a socket is, from its handshake: the principal, and the credential checked again on each heartbeat (none for the anonymous viewer). */
interface LiveSocketData {
  principal: Principal
  credential: HeldCredential | undefined
}
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, LiveSocketData>

/** A refused handshake: the client's connect_error carries `data.code`. */
const refusal = (code: LiveConnectErrorCode, message: string) => Object.assign(new Error(message), { data: { code } })

/** What a request runs once its payload is valid and its region readable by the caller. */
type Handlers = { [E in LiveClientEvent]: (socket: LiveSocket, request: Static<(typeof LIVE_CLIENT_REQUESTS)[E]>) => Promise<unknown> }

const COMMITTED = 'committed'
/** A database slower than this to answer `select 1` counts as unreachable. */
const PROBE_TIMEOUT_MS = 2000

export default fp<LiveOptions>(
  async (app, options) => {
    const adapter = options.databaseUrl === undefined ? undefined : new PostgresAdapter(options.databaseUrl)
    const io = new Server(app.server, { serveClient: false, ...(adapter === undefined ? {} : { adapter: adapter.createAdapter }) })
    const live = io.of(LIVE_NAMESPACE) as ReturnType<Server<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, LiveSocketData>['of']>
    await adapter?.untilListening(live.adapter)
    const cache = app.metricCache
    // Deltas go to this instance's own screens: each instance keeps its own views and seqs.
    const views = new LiveViews(
      cache,
      (room, delta) => {
        live.local.to(room).emit('delta', delta)
        return live.adapter.rooms.get(room)?.size ?? 0
      },
      (regionCode) => readLiveAlerts(app.database.db, app.regions, options.timeZone, regionCode, new Date()),
    )
    // Commits another instance made while the database was away may have gone unheard.
    const database = new DatabaseStatus(app.log, () => {
      cache.clear()
      views.allChanged()
    })
    /** A commit here or on another instance: the views that show what it touched are read again. */
    const committed = (touch: CounterTouch) => {
      if (touch.campaignDefinitions) return views.allChanged()
      const regions = new Set(touch.days.keys())
      for (const code of [...touch.ticker, ...touch.tasks, ...touch.alerts]) for (const region of [code, ...app.regions.ancestors(code).map((ancestor) => ancestor.code)]) regions.add(region)
      views.regionsChanged(regions)
    }
    let seq = 0
    let demoHistoryPercent: number | null = null
    const beat = (): Heartbeat => ({
      seq,
      database: database.heartbeatValue,
      serverTime: isoInTimeZone(new Date(), options.timeZone),
      intervalMs: options.heartbeatMs,
      ...(demoHistoryPercent === null ? {} : { demoHistoryPercent }),
    })
    live.adapter.on('delete-room', (room: string) => views.release(room))
    // The cache heard of a commit made here itself (the metrics plugin subscribes it); one made elsewhere it learns of from here.
    const committedHere = (touch: CounterTouch) => {
      if (!touchedAnything(touch)) return
      committed(touch)
      if (adapter !== undefined) live.serverSideEmit(COMMITTED, messageOf(touch))
    }
    const unlisten = [
      app.events.recordsCommitted.subscribe((event) => committedHere(touchOf(event))),
      app.events.clocksSwept.subscribe((event) => committedHere(touchOf(event))),
      app.events.tasksChanged.subscribe((event) => committedHere(touchOfTasks(event))),
      app.events.alertsChanged.subscribe((event) => committedHere(touchOfAlerts(event))),
      app.events.demoHistory.subscribe((event) => (demoHistoryPercent = event.percent)),
    ]
    live.on(COMMITTED, (message: unknown) => {
      const touch = touchOfMessage(message)
      if (touch === undefined) return
      cache.committedElsewhere(touch)
      committed(touch)
    })
    let today = localDateOf(new Date(), options.timeZone)
    runEvery(app, options.tickMs, 'live tick', () => {
      const now = localDateOf(new Date(), options.timeZone)
      // A new day moves every relative period (today, 7d, 30d, ytd).
      if (now !== today) {
        today = now
        cache.clear()
        views.allChanged()
      }
      return views.tick().then(
        () => database.report(true),
        (error: unknown) => database.report(false, error),
      )
    })
    /** Runs a request and acks its outcome in the one answer shape; a screen's mistake never closes its socket. */
    const answer = <T>(ack: unknown, work: () => Promise<T>): void => {
      const reply = typeof ack === 'function' ? (ack as (answer: LiveAck<T>) => void) : () => {}
      Promise.resolve()
        .then(work)
        .then(
          (data) => reply({ ok: true, data }),
          (error: unknown) => {
            if (error instanceof LiveRequestError) return reply({ ok: false, error: { code: error.code, message: error.message } })
            app.log.error({ err: error }, 'live request failed')
            reply({ ok: false, error: { code: 'internal', message: 'the server could not answer; try again' } })
          },
        )
    }
    const trust = compileTrustProxy(options.trustProxy)
    // Once per connection: who it is. Nobody, bad credentials, or a role that reads nothing (a key, an admin) never connects.
    live.use((socket, next) => {
      const presented = handshakeCredentials(socket.handshake, (header) => app.parseCookie(header), cameOverHttps(socket.request, trust))
      identify(app.database.db, presented, app.access).then(
        (identification) => {
          if (!('principal' in identification)) {
            const why = 'refused' in identification ? identification.refused : 'credentials are needed: log in, or pass a key or screen token as auth: { token }'
            return next(refusal('unauthenticated', why))
          }
          const { principal } = identification
          // Its scope's root is the widest it could read: not there, nowhere.
          if (!allows(principal, 'read', principal.region, app.regions)) return next(refusal('forbidden', `a ${principal.role} reads no figures; the live socket is for roles that read`))
          socket.data.principal = principal
          socket.data.credential = heldCredential(presented)
          next()
        },
        (error: unknown) => {
          app.log.warn({ err: error }, 'live handshake could not be identified')
          next(refusal('unavailable', 'the server could not check the credentials now; try again'))
        },
      )
    })
    const handlers: Handlers = {
      subscribe: (socket, view) => views.subscribe(view, () => socket.join(roomOf(view))),
      resync: (socket, { fromSeq, ...view }) => views.resync(view, fromSeq, () => socket.join(roomOf(view))),
      unsubscribe: async (socket, view) => {
        await socket.leave(roomOf(view))
        return null
      },
    }
    /** Every request: a valid payload, a known region, inside the caller's scope; only then its handler. */
    const handle = (socket: LiveSocket, event: LiveClientEvent, payload: unknown): Promise<unknown> => {
      const request = parseRequest(LIVE_CLIENT_REQUESTS[event], payload)
      requireRegion(app.regions, request.region)
      const { principal } = socket.data
      if (!allows(principal, 'read', request.region, app.regions)) throw new LiveRequestError('forbidden', forbiddenDetail(principal, 'read', request.region))
      return (handlers[event] as (socket: LiveSocket, request: unknown) => Promise<unknown>)(socket, request)
    }
    live.on('connection', (socket) => {
      // A new screen gets the current beat at once instead of waiting a whole interval to turn live.
      socket.emit('heartbeat', beat())
      for (const event of LIVE_CLIENT_EVENTS) socket.on(event, (payload: unknown, ack: unknown) => answer(ack, () => handle(socket, event, payload)))
    })
    let closing = false
    runEvery(app, options.heartbeatMs, 'live heartbeat', async () => {
      // While the adapter is not listening (its connection lost), other instances' commits go unheard.
      await database.probe(app.database.db, Math.min(PROBE_TIMEOUT_MS, options.heartbeatMs / 2), () => adapter === undefined || PostgresAdapter.listening(live.adapter))
      if (closing) return
      seq += 1
      live.local.emit('heartbeat', beat()) // each instance beats for its own screens
    })
    // Every socket's credential again, each distinct one once, in a few queries: a revoked token,
    // an ended session or a disabled user loses its sockets, and so does a user whose role or
    // scope changed (it connects again, under the new scope). While the database does not
    // answer, sockets stay: the heartbeat tells screens their data is not current meanwhile.
    runEvery(app, options.heartbeatMs, 'live access check', async () => {
      const held = [...live.sockets.values()].filter((socket) => socket.data.credential !== undefined)
      if (held.length === 0) return
      const current = await reidentify(
        app.database.db,
        held.map((socket) => socket.data.credential as HeldCredential),
      )
      if (closing) return
      for (const socket of held) {
        const credential = socket.data.credential as HeldCredential
        const now = current.get(credentialKey(credential))
        const ended: LiveAccessEnded | undefined =
          now === undefined
            ? credential.kind === 'session'
              ? { reason: 'session_ended', message: SESSION_REFUSED }
              : { reason: 'token_revoked', message: `this ${credential.kind === 'key' ? 'key' : "screen's token"} was revoked` }
            : sameAccess(now, socket.data.principal)
              ? undefined
              : { reason: 'scope_changed', message: 'your role or region was changed: connect again to read under the new one' }
        if (ended === undefined || !socket.connected) continue
        socket.emit('access_ended', ended)
        // A server disconnect: the client does not reconnect by itself with credentials that no longer work.
        socket.disconnect(true)
      }
    })
    app.decorate('io', io)
    app.get(
      '/api/v1/live/stats',
      { onRequest: onlyReaders, schema: { tags: [TAGS.live], summary: "This instance's live hub: screens, views, ticks, deltas and delivery time", response: { 200: LiveStats, ...READER_REFUSALS } } },
      async () => ({ sockets: live.sockets.size, ...views.stats() }),
    )
    // Screens learn of a shutdown at once instead of timing out. Their connections are closed
    // below socket.io (a transport close), never disconnected by the server: by socket.io's
    // contract a client told "io server disconnect" does not reconnect, and any client must
    // come back by itself to the restarted or next instance.
    app.addHook('preClose', (done) => {
      closing = true
      for (const stop of unlisten) stop()
      for (const socket of live.sockets.values()) socket.conn.close()
      done()
    })
    app.addHook('onClose', async () => {
      if (adapter === undefined) await io.close()
      else await adapter.close(io, live.adapter)
    })
  },
  { name: 'live', dependencies: ['database', 'regions', 'metrics', 'events'] },
)
