// One remote document that the screen shows. Loads per key, retries on its own unless the
// server refused the request itself, and keeps the last good data on screen while loading or failing.
import { HttpError } from './json'

export const RETRY_MS = 5_000

export class Resource<T> {
  data = $state.raw<T | undefined>(undefined)
  /** the key the current `data` belongs to */
  dataKey = $state<string | undefined>(undefined)
  error = $state.raw<Error | undefined>(undefined)
  loading = $state(false)

  /** the key `error` belongs to */
  #errorKey = $state<string | undefined>(undefined)
  readonly #fetcher: (key: string, signal: AbortSignal) => Promise<T>

  constructor(fetcher: (key: string, signal: AbortSignal) => Promise<T>) {
    this.#fetcher = fetcher
  }

  /** Start loading `key`; call the returned function to abandon it (e.g. when the key changes). */
  load(key: string): () => void {
    const controller = new AbortController()
    // An error belongs to the key that failed; the new key has not failed yet.
    this.error = undefined
    let retry: ReturnType<typeof setTimeout> | undefined

    const attempt = async () => {
      this.loading = true
      try {
        const data = await this.#fetcher(key, controller.signal)
        if (controller.signal.aborted) return
        this.data = data
        this.dataKey = key
        this.error = undefined
        this.loading = false
      } catch (error) {
        if (controller.signal.aborted) return
        this.error = error instanceof Error ? error : new Error(String(error))
        this.#errorKey = key
        this.loading = false
        // An unknown region stays unknown: asking every 5 s for ever would only load the server.
        if (!(error instanceof HttpError && error.refused)) retry = setTimeout(attempt, RETRY_MS)
      }
    }
    void attempt()

    return () => {
      controller.abort()
      clearTimeout(retry)
    }
  }

  /** true when `data` is for `key` */
  has(key: string): boolean {
    return this.data !== undefined && this.dataKey === key
  }

  /** the error of loading `key`, if that is what failed last */
  errorOf(key: string): Error | undefined {
    return this.#errorKey === key ? this.error : undefined
  }
}
