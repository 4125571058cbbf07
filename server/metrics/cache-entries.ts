// Values a cache keeps by key, each with a generation that rises whenever it is let go,
// so that a read begun before another instance's commit touched it is not kept.
export class CacheEntries<V> {
  readonly #values = new Map<string, V>()
  readonly #generations = new Map<string, number>()

  get(key: string): V | undefined {
    return this.#values.get(key)
  }

  generation(key: string): number {
    return this.#generations.get(key) ?? 0
  }

  keep(key: string, value: V, generation: number): void {
    if (this.generation(key) === generation) this.#values.set(key, value)
  }

  /** A value known better than any read on its way: that read is not kept. */
  replace(key: string, value: V): void {
    this.#generations.set(key, this.generation(key) + 1)
    this.#values.set(key, value)
  }

  forget(key: string): void {
    this.#generations.set(key, this.generation(key) + 1)
    this.#values.delete(key)
  }

  forgetWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.#values.keys()]) if (matches(key)) this.forget(key)
  }

  clear(): void {
    for (const key of this.#values.keys()) this.#generations.set(key, this.generation(key) + 1)
    this.#values.clear()
  }

  /** The keys' values: those missing read together, and kept unless something let them go on the way; `absent` where the read found none. */
  async through(keys: readonly string[], read: (missing: string[]) => Promise<Map<string, V>>, absent: V): Promise<Map<string, V>> {
    const missing = keys.filter((key) => this.get(key) === undefined)
    const generations = missing.map((key) => this.generation(key))
    const found = missing.length === 0 ? new Map<string, V>() : await read(missing)
    missing.forEach((key, index) => this.keep(key, found.get(key) ?? absent, generations[index] as number))
    return new Map(keys.map((key) => [key, found.get(key) ?? this.get(key) ?? absent]))
  }
}
