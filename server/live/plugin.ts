// socket.io on the app's HTTP server: a heartbeat for every screen, and views
// (region × period) that a screen subscribes to: a snapshot, then a delta per tick
// whenever the view's values changed (a commit in its region, a new day).
import fp from 'fastify-plugin'
import { Server } from 'socket.io'
import { type Heartbeat, LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, LiveResync, type LiveServerToClientEvents, LiveStats, LiveView } from '../../shared/live'
import { READER_REFUSALS, onlyReaders } from '../access/principal-of'
import { TAGS } from '../docs/tags'
import { runEvery } from '../jobs/interval-job'
import { isoInTimeZone, localDateOf } from '../time/zoned-time'
import { type CounterTouch, touchOf, touchedAnything } from '../metrics/counter-touch'
import { messageOf, touchOfMessage } from './commit-message'
import { DatabaseStatus } from './database-status'
import { LiveRequestError, parseRequest } from './live-snapshots'
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
}

const COMMITTED = 'committed'
/** A database slower than this to answer `select 1` counts as unreachable. */
const PROBE_TIMEOUT_MS = 2000

export default fp<LiveOptions>(
  async (app, options) => {
    const adapter = options.databaseUrl === undefined ? undefined : new PostgresAdapter(options.databaseUrl)
    const io = new Server(app.server, { serveClient: false, ...(adapter === undefined ? {} : { adapter: adapter.createAdapter }) })
    const live = io.of(LIVE_NAMESPACE) as ReturnType<Server<LiveClientToServerEvents, LiveServerToClientEvents>['of']>
    await adapter?.untilListening(live.adapter)
    const cache = app.metricCache
    // Deltas go to this instance's own screens: each instance keeps its own views and seqs.
    const views = new LiveViews(cache, (room, delta) => {
      live.local.to(room).emit('delta', delta)
      return live.adapter.rooms.get(room)?.size ?? 0
    })
    // Commits another instance made while the database was away may have gone unheard.
    const database = new DatabaseStatus(app.log, () => {
      cache.clear()
      views.allChanged()
    })
    /** A commit here or on another instance: the views that show what it touched are read again. */
    const committed = (touch: CounterTouch) => {
      if (touch.campaignDefinitions) return views.allChanged()
      const regions = new Set(touch.days.keys())
      for (const code of touch.ticker) for (const region of [code, ...app.regions.ancestors(code).map((ancestor) => ancestor.code)]) regions.add(region)
      views.regionsChanged(regions)
    }
    let seq = 0
    const beat = (): Heartbeat => ({ seq, database: database.heartbeatValue, serverTime: isoInTimeZone(new Date(), options.timeZone), intervalMs: options.heartbeatMs })
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
    live.on('connection', (socket) => {
      // A new screen gets the current beat at once instead of waiting a whole interval to turn live.
      socket.emit('heartbeat', beat())
      socket.on('subscribe', (payload, ack) =>
        answer(ack, () => {
          const view = parseRequest(LiveView, payload)
          return views.subscribe(view, () => socket.join(roomOf(view)))
        }),
      )
      socket.on('resync', (payload, ack) =>
        answer(ack, () => {
          const { fromSeq, ...view } = parseRequest(LiveResync, payload)
          return views.resync(view, fromSeq, () => socket.join(roomOf(view)))
        }),
      )
      socket.on('unsubscribe', (payload, ack) =>
        answer(ack, async () => {
          await socket.leave(roomOf(parseRequest(LiveView, payload)))
          return null
        }),
      )
    })
    let closing = false
    runEvery(app, options.heartbeatMs, 'live heartbeat', async () => {
      // While the adapter is not listening (its connection lost), other instances' commits go unheard.
      await database.probe(app.database.db, Math.min(PROBE_TIMEOUT_MS, options.heartbeatMs / 2), () => adapter === undefined || PostgresAdapter.listening(live.adapter))
      if (closing) return
      seq += 1
      live.local.emit('heartbeat', beat()) // each instance beats for its own screens
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
