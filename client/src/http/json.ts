import type { TSchema, Static } from 'typebox'
import { Check } from 'typebox/value'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** The server could not be reached at all (down, restarting, network cut). */
export class NetworkError extends Error {
  override name = 'NetworkError'
}

/** GET a JSON document; with a schema, anything that does not match is an error, not data. */
export async function getJson<T extends TSchema>(url: string, schema: T, signal?: AbortSignal): Promise<Static<T>>
export async function getJson(url: string, schema?: undefined, signal?: AbortSignal): Promise<unknown>
export async function getJson(url: string, schema?: TSchema, signal?: AbortSignal): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } })
  } catch (error) {
    // fetch's own message ("Failed to fetch") is browser English; let the view word it.
    if (signal?.aborted) throw error
    throw new NetworkError(error instanceof Error ? error.message : String(error))
  }
  if (!response.ok) throw new HttpError(response.status, await problemDetail(response))
  const body: unknown = await response.json()
  if (schema && !Check(schema, body)) throw new Error(`unexpected response from ${url}`)
  return body
}

/** The server answers errors as problem+json; its `detail` is the most useful line to show. */
async function problemDetail(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json()
    if (typeof body === 'object' && body !== null) {
      const { detail, title } = body as { detail?: unknown; title?: unknown }
      if (typeof detail === 'string' && detail) return detail
      if (typeof title === 'string' && title) return title
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through to the status line.
  }
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
}
