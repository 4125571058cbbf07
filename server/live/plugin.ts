// socket.io on the app's HTTP server: a heartbeat for every screen, and views
// (region × period) that a screen subscribes to: a snapshot, then a delta per tick
// whenever the view's values changed (a commit in its region, a new day).
import { createAdapter } from '@socket.io/postgres-adapter'
import fp from 'fastify-plugin'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { Server } from 'socket.io'
import { type Heartbeat, LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, LiveResync, type LiveServerToClientEvents, LiveStats, LiveView } from '../../shared/live'
import { StartupError } from '../config/startup-error'
import { runEvery } from '../jobs/interval-job'
import { isoInTimeZone, localDateOf } from '../time/zoned-time'
import { type CounterTouch, touchFromMessage, touchToMessage } from '../metrics/counter-touch'
import { DatabaseSource } from '../metrics/metric-source'
import { DatabaseStatus } from './database-status'
import { LiveCache } from './live-cache'
import { LiveRequestError, parseRequest } from './live-snapshots'
import { LiveViews, roomOf } from './live-views'

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

/**
 * The PostgreSQL adapter opens its LISTEN connection in the background. An instance serves
 * only once it hears the others; and an adapter closed before that would keep the connection
 * it is still opening, so that its pool never ends. (Reads the adapter's client: pinned ^0.5.)
 */
const isListening = (adapter: unknown): boolean => (adapter as { client?: { client?: unknown } }).client?.client !== undefined

async function adapterListening(adapter: unknown, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  while (!isListening(adapter)) {
    if (Date.now() - started > timeoutMs) throw new StartupError(`the socket.io PostgreSQL adapter did not start listening within ${timeoutMs / 1000} s`)
    await sleep(10)
  }
}

export default fp<LiveOptions>(
  async (app, options) => {
    // Its own small pool: the adapter keeps one connection LISTENing for good.
    const adapterPool = options.databaseUrl === undefined ? undefined : new pg.Pool({ connectionString: options.databaseUrl, max: 3 })
    // A lost connection is replaced and the adapter listens again. The LISTEN connection it holds
    // has no error listener of its own (an unheard error event would end the process), and it is
    // never given back to the pool, which could then never end: both are done here.
    adapterPool?.on('error', () => {})
    adapterPool?.on('connect', (client) =>
      client.on('error', (error) => {
        try {
          ;(client as pg.PoolClient).release(error)
        } catch {
          // given back already (a client the pool itself was using)
        }
      }),
    )
    const io = new Server(app.server, { serveClient: false, ...(adapterPool === undefined ? {} : { adapter: createAdapter(adapterPool) }) })
    const live = io.of(LIVE_NAMESPACE) as ReturnType<Server<LiveClientToServerEvents, LiveServerToClientEvents>['of']>
    if (adapterPool !== undefined) await adapterListening(live.adapter)
    const cache = new LiveCache(new DatabaseSource(app.database.db, app.regions, options.timeZone))
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
    /** A commit here or on another instance: what it touched is read again, and the views that show it. */
    const committed = (touch: CounterTouch) => {
      cache.committed(touch)
      if (touch.campaignDefinitions) return views.allChanged()
      const regions = new Set(touch.days.keys())
      for (const code of touch.ticker) for (const region of [code, ...app.regions.ancestors(code).map((ancestor) => ancestor.code)]) regions.add(region)
      views.regionsChanged(regions)
    }
    let seq = 0
    const beat = (): Heartbeat => ({ seq, database: database.heartbeatValue, serverTime: isoInTimeZone(new Date(), options.timeZone), intervalMs: options.heartbeatMs })
    live.adapter.on('delete-room', (room: string) => views.release(room))
    const unlisten = app.commits.onCommitted((touch) => {
      committed(touch)
      if (adapterPool !== undefined) live.serverSideEmit(COMMITTED, touchToMessage(touch))
    })
    live.on(COMMITTED, (message: unknown) => {
      const touch = touchFromMessage(message)
      if (touch !== undefined) committed(touch)
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
      await database.probe(app.database.db, Math.min(PROBE_TIMEOUT_MS, options.heartbeatMs / 2), () => adapterPool === undefined || isListening(live.adapter))
      if (closing) return
      seq += 1
      live.local.emit('heartbeat', beat()) // each instance beats for its own screens
    })
    app.decorate('io', io)
    app.get('/api/v1/live/stats', { schema: { response: { 200: LiveStats } } }, async () => ({ sockets: live.sockets.size, ...views.stats() }))
    // Screens learn of a shutdown at once (and reconnect to the next instance) instead of timing out.
    app.addHook('preClose', (done) => {
      closing = true
      unlisten()
      live.local.disconnectSockets(true)
      done()
    })
    app.addHook('onClose', async () => {
      await io.close()
      await adapterPool?.end()
    })
  },
  { name: 'live', dependencies: ['database', 'regions', 'commits'] },
)
