// The socket.io PostgreSQL adapter on a pool of its own, made safe to run for weeks and to
// close at any moment. The adapter (pinned ^0.5) keeps one connection LISTENing for good and,
// when that connection is lost, opens another in the background. Three gaps are filled here:
// - the LISTEN connection has no error listener (an unheard error event would end the process);
// - it is never given back to the pool, which could then never end;
// - closed while it is opening a connection (just after a database restart), it keeps that
//   connection too, and may open two at once (its error and end handlers both retry).
// Reads the adapter's client to know whether it listens.
import { createAdapter } from '@socket.io/postgres-adapter'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import type { Server } from 'socket.io'
import { StartupError } from '../config/startup-error'
import { endPool } from '../db/pool-end'

/** How long closing waits for a connection the adapter is opening to be in use or given up. */
const SETTLE_MS = 5_000

/**
 * A connection the adapter keeps for LISTEN: it watches its end (to reconnect) until it gives
 * it back, and neither pg-pool (without maxLifetime) nor the pool's own queries do.
 */
const isListenClient = (client: pg.PoolClient): boolean => client.listenerCount('end') > 0

export class PostgresAdapter {
  readonly #pool: pg.Pool
  readonly #checkedOut = new Set<pg.PoolClient>()
  readonly createAdapter: ReturnType<typeof createAdapter>

  constructor(databaseUrl: string) {
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 3, connectionTimeoutMillis: 5_000 })
    this.#pool.on('error', () => {})
    this.#pool.on('connect', (client) =>
      client.on('error', (error) => {
        // A client of the pool's own queries is given back by the failing query.
        if (isListenClient(client as pg.PoolClient) && this.#checkedOut.has(client as pg.PoolClient)) (client as pg.PoolClient).release(error)
      }),
    )
    this.#pool.on('acquire', (client) => this.#checkedOut.add(client))
    this.#pool.on('release', (_error, client) => this.#checkedOut.delete(client))
    this.createAdapter = createAdapter(this.#pool)
  }

  /** Whether the namespace's adapter is LISTENing, so hears the other instances. */
  static listening(adapter: unknown): boolean {
    return (adapter as { client?: { client?: unknown } }).client?.client !== undefined
  }

  /** An instance serves only once it hears the others. */
  async untilListening(adapter: unknown, timeoutMs = 10_000): Promise<void> {
    const started = Date.now()
    while (!PostgresAdapter.listening(adapter)) {
      if (Date.now() - started > timeoutMs) throw new StartupError(`the socket.io PostgreSQL adapter did not start listening within ${timeoutMs / 1000} s`)
      await sleep(10)
    }
  }

  /** Closes socket.io and then the pool, whatever the adapter is doing. */
  async close(io: Server, adapter: unknown): Promise<void> {
    const started = Date.now()
    // A connection being opened is either LISTENing soon (and then given back by the adapter's
    // close) or failing (and then given back by the error listener above).
    while (this.#opening(adapter) && Date.now() - started < SETTLE_MS) await sleep(20)
    await io.close()
    // A LISTEN connection still out is the second of a doubled reconnection: nobody will give it back.
    for (const client of [...this.#checkedOut].filter(isListenClient)) {
      client.removeAllListeners('end') // its end would have the closed adapter reconnect
      client.release(true)
    }
    await endPool(this.#pool, 'socket.io adapter pool')
  }

  #opening(adapter: unknown): boolean {
    const listenClients = [...this.#checkedOut].filter(isListenClient).length
    return this.#pool.waitingCount > 0 || listenClients > (PostgresAdapter.listening(adapter) ? 1 : 0)
  }
}
