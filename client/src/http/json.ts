import type { TSchema, Static } from 'typebox'
import { Check } from 'typebox/value'
import { ProblemCode } from '../../../shared/api'

/** The server answered with an error. Its message is the server's English `detail`, for logs: screens word the `code`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** why, as the server's problem+json says; null when the answer was not one (a proxy's page) */
    readonly code: ProblemCode | null,
    message: string,
    /** seconds the server asks to wait (its Retry-After), null when it names none */
    readonly retryAfterS: number | null = null,
    /** the fields the problem's `errors` names ("body.region"), so a form can mark them */
    readonly fields: readonly string[] = [],
  ) {
    super(message)
    this.name = 'HttpError'
  }

  /** The server refused the request itself: asking again gets the same answer (unlike a timeout, a rate limit or a fault of its own). */
  get refused(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429
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
  return readAnswer(url, response, schema)
}

/**
 * Send a state-changing request (a JSON body optional) and read the JSON answer; an empty
 * answer (204) is undefined. Errors as getJson's.
 */
type ChangeMethod = 'POST' | 'PATCH' | 'DELETE'
export async function sendJson<T extends TSchema>(method: ChangeMethod, url: string, options: { body?: unknown; headers?: Record<string, string>; schema: T }): Promise<Static<T>>
export async function sendJson(method: ChangeMethod, url: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<unknown>
export async function sendJson(method: ChangeMethod, url: string, options: { body?: unknown; headers?: Record<string, string>; schema?: TSchema } = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) })
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error))
  }
  if (response.status === 204) {
    if (options.schema) throw new Error(`unexpected empty response from ${url}`)
    return undefined
  }
  return readAnswer(url, response, options.schema)
}

async function readAnswer(url: string, response: Response, schema: TSchema | undefined): Promise<unknown> {
  if (!response.ok) {
    const { code, detail, fields } = await readProblem(response)
    throw new HttpError(response.status, code, detail, retryAfterOf(response), fields)
  }
  const body: unknown = await response.json()
  if (schema && !Check(schema, body)) throw new Error(`unexpected response from ${url}`)
  return body
}

/** Retry-After in seconds; its HTTP-date form is not sent by this server, so it counts as none. */
function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('retry-after')
  return header !== null && /^\d+$/.test(header) ? Number(header) : null
}

/** The server answers errors as problem+json: `code` says why, `detail` says it in English for a log. */
async function readProblem(response: Response): Promise<{ code: ProblemCode | null; detail: string; fields: string[] }> {
  const statusLine = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
  try {
    const body: unknown = await response.json()
    if (typeof body === 'object' && body !== null) {
      const { code, detail, errors } = body as { code?: unknown; detail?: unknown; errors?: unknown }
      return { code: Check(ProblemCode, code) ? code : null, detail: typeof detail === 'string' && detail ? detail : statusLine, fields: fieldsOf(errors) }
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status line is all there is.
  }
  return { code: null, detail: statusLine, fields: [] }
}

/** The `field` of each of a problem's `errors`; anything else in them is not a field. */
function fieldsOf(errors: unknown): string[] {
  if (!Array.isArray(errors)) return []
  return errors.flatMap((error: unknown) => {
    const field = typeof error === 'object' && error !== null ? (error as { field?: unknown }).field : undefined
    return typeof field === 'string' ? [field] : []
  })
}
