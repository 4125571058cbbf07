// socket.io on the app's HTTP server. For now it proves the live path with a
// heartbeat; subscriptions and deltas build on this namespace.
import fp from 'fastify-plugin'
import { Server } from 'socket.io'
import { isoInTimeZone } from '../time/zoned-time'
import { type Heartbeat, LIVE_NAMESPACE, type LiveClientToServerEvents, type LiveServerToClientEvents } from '../../shared/live'

declare module 'fastify' {
  interface FastifyInstance {
    io: Server
  }
}

export interface LiveOptions {
  heartbeatMs: number
  timeZone: string
}

export default fp<LiveOptions>(
  async (app, options) => {
    const io = new Server(app.server, { serveClient: false })
    const live = io.of(LIVE_NAMESPACE) as ReturnType<Server<LiveClientToServerEvents, LiveServerToClientEvents>['of']>
    let seq = 0
    const beat = (): Heartbeat => ({ seq, serverTime: isoInTimeZone(new Date(), options.timeZone), intervalMs: options.heartbeatMs })
    // A new screen gets the current beat at once instead of waiting a whole interval to turn live.
    live.on('connection', (socket) => socket.emit('heartbeat', beat()))
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
  { name: 'live' },
)
