// Commits that changed stored figures, told to whoever keeps screens up to date: ingest
// and the deadline sweeper announce them once committed, the live hub listens.
import fp from 'fastify-plugin'
import type { CounterTouch } from '../metrics/counter-touch'

declare module 'fastify' {
  interface FastifyInstance {
    commits: Commits
  }
}

export class Commits {
  readonly #listeners = new Set<(touch: CounterTouch) => void>()

  onCommitted(listener: (touch: CounterTouch) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** After the commit, never before: a listener reads what it says changed. */
  announce(touch: CounterTouch): void {
    if (touch.days.size === 0 && touch.ticker.size === 0 && !touch.campaignDefinitions) return
    for (const listener of this.#listeners) listener(touch)
  }
}

export default fp(
  async (app) => {
    app.decorate('commits', new Commits())
  },
  { name: 'commits' },
)
