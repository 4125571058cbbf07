// socket.io on the app's HTTP server: a heartbeat for every screen, and views
// (region × period) that a screen subscribes to and gets a snapshot of.
import fp from 'fastify-plugin'
import { Server } from 'socket.io'
import { isoInTimeZone } from '../time/zoned-time'
import { type Heartbeat, LIVE_NAMESPACE, type LiveAck, type LiveClientToServerEvents, type LiveServerToClientEvents } from '../../shared/live'
import { LiveRequestError, parseView, readLiveSnapshot } from './live-snapshots'

declare module 'fastify' {
  interface FastifyInstance {
    io: Server
  }
}

export interface LiveOptions {
  heartbeatMs: number
  timeZone: string
}

const roomOf = (view: { region: string; period: string }) => `view:${view.region}|${view.period}`

export default fp<LiveOptions>(
  async (app, options) => {
    const io = new Server(app.server, { serveClient: false })
    const live = io.of(LIVE_NAMESPACE) as ReturnType<Server<LiveClientToServerEvents, LiveServerToClientEvents>['of']>
    let seq = 0
    const beat = (): Heartbeat => ({ seq, serverTime: isoInTimeZone(new Date(), options.timeZone), intervalMs: options.heartbeatMs })
    const sources = { db: app.database.db, regions: app.regions, timeZone: options.timeZone }
    /** Runs a request and acks its outcome in the one answer shape; a screen's mistake never closes its socket. */
    const answer = <T>(ack: unknown, work: () => Promise<T>): void => {
      const reply = typeof ack === 'function' ? (ack as (answer: LiveAck<T>) => void) : () => {}
      work().then(
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
        answer(ack, async () => {
          const view = parseView(payload)
          const snapshot = await readLiveSnapshot(sources, view)
          await socket.join(roomOf(view))
          return { seq: 0, snapshot }
        }),
      )
      socket.on('unsubscribe', (payload, ack) =>
        answer(ack, async () => {
          await socket.leave(roomOf(parseView(payload)))
          return null
        }),
      )
    })
    const timer = setInterval(() => {
      seq += 1
      live.emit('heartbeat', beat())
    }, options.heartbeatMs)
    app.decorate('io', io)
    // Screens learn of a shutdown at once (and go red, then reconnect to the next instance) instead of timing out.
    app.addHook('preClose', (done) => {
      clearInterval(timer)
      live.local.disconnectSockets(true)
      done()
    })
    app.addHook('onClose', async () => {
      await io.close()
    })
  },
  { name: 'live', dependencies: ['database', 'regions'] },
)
