// One kind of domain event: a capability publishes it once its change is committed, and
// whoever depends on that change subscribes, so the publisher knows nothing of them.
export class Topic<E> {
  readonly #listeners = new Set<(event: E) => void>()

  /** Returns how to stop listening. */
  subscribe(listener: (event: E) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** After the commit, never before: a listener reads what the event says changed. */
  publish(event: E): void {
    for (const listener of this.#listeners) listener(event)
  }
}
