// What asking who calls costs (docs/access.md): the same request made, turn by turn in one
// run, by the anonymous viewer (no credential to look up) and by a screen token or a session
// cookie (one indexed lookup each), so the difference is identification alone: an HTTP read,
// a socket's handshake (identified once) and its subscribes (scope checked in memory); and an
// integrator's one-record POST beside the key lookup it pays for. Small requests, where the
// lookup weighs most: a feed's batches of thousands make it vanish.
import type { FastifyInstance } from 'fastify'
import { identify } from '../../server/access/principal-of'
import { hashPassword } from '../../server/access/passwords'
import { createTokenHolder } from '../../server/access/token-holders-repository'
import { createUser } from '../../server/access/users-repository'
import { CSRF_HEADER } from '../../shared/session'
import { type LiveClient, ask, connectLive, connectedLive } from '../support/live-credentials'
import { complaint } from '../support/record-factory'
import { createBenchDatabase } from './bench-databases'
import { appOn } from './ingest-bench'
import { type BenchRow, type Kind, percentile } from './measure'

const TURNS = Number(process.env.BENCH_ACCESS_TURNS ?? 400)
const SOCKET_TURNS = Number(process.env.BENCH_ACCESS_SOCKET_TURNS ?? 100)
const PASSWORD = 'bench password, long enough'
/** A feed's batch, as the feed leg sends them. */
const FEED_BATCH = 2000
const FEED_TURNS = Number(process.env.BENCH_ACCESS_FEED_TURNS ?? 15)

type Caller = 'anonymous viewer' | 'screen token' | 'session cookie'

export async function accessLeg(kind: Kind): Promise<BenchRow[]> {
  const database = await createBenchDatabase(kind)
  const app = await appOn({ ...database.env, REGDECK_ANONYMOUS: 'viewer' })
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const callers = await credentialsOn(app)
    const row = (measure: string, value: number, unit: string): BenchRow => ({ database: kind, measure: `access: ${measure}`, value, unit })
    const rows: BenchRow[] = []

    // A read: the region summary, each caller in turn.
    const reads = await interleaved(TURNS, callers, async (caller) => {
      const response = await app.inject({ url: '/api/v1/regions/510000/summary?period=today', headers: caller.headers })
      if (response.statusCode !== 200) throw new Error(`summary: ${response.statusCode}`)
    })
    for (const [name, times] of reads) rows.push(row(`summary read p50, ${name}`, percentile(times, 50), 'ms'))
    rows.push(row('summary read p50, screen token ÷ anonymous viewer', ratioOf(reads, 'screen token'), 'ratio'))
    rows.push(row('summary read p50, session cookie ÷ anonymous viewer', ratioOf(reads, 'session cookie'), 'ratio'))

    // The handshake identifies once per connection; each subscribe after it checks the scope in memory.
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
    const handshakes = await interleaved(SOCKET_TURNS, callers, async (caller) => {
      const connected = await connectLive(origin, caller.presenting)
      if ('refused' in connected) throw new Error(`refused: ${connected.message}`)
      connected.socket.close()
    })
    for (const [name, times] of handshakes) rows.push(row(`socket handshake p50, ${name}`, percentile(times, 50), 'ms'))
    rows.push(row('socket handshake p50, screen token ÷ anonymous viewer', ratioOf(handshakes, 'screen token'), 'ratio'))
    rows.push(row('socket handshake p50, session cookie ÷ anonymous viewer', ratioOf(handshakes, 'session cookie'), 'ratio'))
    const sockets = new Map<Caller, LiveClient>()
    for (const caller of callers) sockets.set(caller.name, await connectedLive(origin, caller.presenting))
    const subscribes = await interleaved(TURNS, callers, async (caller) => {
      const socket = sockets.get(caller.name) as LiveClient
      const view = { region: '510100', period: 'today' }
      const answer = await ask(socket, 'subscribe', view)
      if (!answer.ok) throw new Error(`subscribe: ${JSON.stringify(answer)}`)
      await ask(socket, 'unsubscribe', view)
    })
    for (const socket of sockets.values()) socket.close()
    for (const [name, times] of subscribes) rows.push(row(`subscribe and unsubscribe p50, ${name}`, percentile(times, 50), 'ms'))
    rows.push(row('subscribe and unsubscribe p50, screen token ÷ anonymous viewer', ratioOf(subscribes, 'screen token'), 'ratio'))
    rows.push(row('subscribe and unsubscribe p50, session cookie ÷ anonymous viewer', ratioOf(subscribes, 'session cookie'), 'ratio'))

    // A write of one record, and the key lookup inside it.
    const key = await createTokenHolder(app.database.db, { kind: 'key', name: 'bench key', region: '510000' }, 'bench:access')
    const posts: number[] = []
    const lookups: number[] = []
    for (let turn = 0; turn < TURNS; turn++) {
      let start = performance.now()
      const response = await app.inject({ method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${key.token}` }, payload: [complaint({ id: `bench-access-${turn}` })] })
      posts.push(performance.now() - start)
      if (response.statusCode !== 200) throw new Error(`post: ${response.statusCode} ${response.body}`)
      start = performance.now()
      await identify(app.database.db, { bearer: key.token, sessionId: undefined, screenToken: undefined }, app.access)
      lookups.push(performance.now() - start)
    }
    rows.push(row('one-record POST p50, with its key', percentile(posts, 50), 'ms'), row('the key lookup alone p50', percentile(lookups, 50), 'ms'))
    rows.push(row('key lookup ÷ one-record POST', percentile(lookups, 50) / percentile(posts, 50), 'ratio'))
    // A feed's request: the same lookup, once for thousands of records.
    const feedPosts: number[] = []
    for (let turn = 0; turn < FEED_TURNS; turn++) {
      const payload = Array.from({ length: FEED_BATCH }, (_, index) => complaint({ id: `bench-access-feed-${turn}-${index}` }))
      const start = performance.now()
      const response = await app.inject({ method: 'POST', url: '/api/v1/records', headers: { authorization: `Bearer ${key.token}` }, payload })
      feedPosts.push(performance.now() - start)
      if (response.statusCode !== 200) throw new Error(`feed post: ${response.statusCode} ${response.body.slice(0, 200)}`)
    }
    rows.push(row(`${FEED_BATCH.toLocaleString('en')}-record POST p50, with its key`, percentile(feedPosts, 50), 'ms'))
    rows.push(row(`key lookup ÷ ${FEED_BATCH.toLocaleString('en')}-record POST`, percentile(lookups, 50) / percentile(feedPosts, 50), 'ratio'))
    return rows
  } finally {
    await app.close()
    await database.drop()
  }
}

interface Credentials {
  name: Caller
  headers: Record<string, string>
  presenting: { token?: string; cookie?: string }
}

async function credentialsOn(app: FastifyInstance): Promise<Credentials[]> {
  const screen = await createTokenHolder(app.database.db, { kind: 'screen', name: 'bench screen', region: '510000' }, 'bench:access')
  await createUser(app.database.db, { username: 'bench-leader', passwordHash: await hashPassword(PASSWORD), role: 'leader', region: '510000' }, 'bench:access')
  const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'bench-leader', password: PASSWORD } })
  const [cookie] = login.cookies as { name: string; value: string }[]
  const sessionCookie = `${cookie?.name}=${cookie?.value}`
  return [
    { name: 'anonymous viewer', headers: {}, presenting: {} },
    { name: 'screen token', headers: { authorization: `Bearer ${screen.token}` }, presenting: { token: screen.token } },
    { name: 'session cookie', headers: { cookie: sessionCookie, [CSRF_HEADER]: String(login.json().csrfToken) }, presenting: { cookie: sessionCookie } },
  ]
}

/** Each caller in turn, `turns` times, after a warm-up turn: so drift in the machine's speed falls on all alike. */
async function interleaved(turns: number, callers: readonly Credentials[], work: (caller: Credentials) => Promise<void>): Promise<Map<Caller, number[]>> {
  const times = new Map<Caller, number[]>(callers.map((caller) => [caller.name, []]))
  for (let turn = -1; turn < turns; turn++) {
    for (const caller of callers) {
      const start = performance.now()
      await work(caller)
      if (turn >= 0) times.get(caller.name)?.push(performance.now() - start)
    }
  }
  return times
}

function ratioOf(times: Map<Caller, number[]>, caller: Caller): number {
  return percentile(times.get(caller) ?? [], 50) / percentile(times.get('anonymous viewer') ?? [], 50)
}
