// Who this browser is, asked once when the page loads: a wall starts at its principal's scope and
// drills no higher, a screen token's playlist plays when the URL names none, and a demo server's
// screens say so. A browser the server does not know (401) goes to log in.
import type { AccessAnswer } from '../../../shared/session'
import { HttpError } from '../http/json'
import { Resource } from '../http/resource.svelte'
import { fetchAccess } from './api'

export class AccessState {
  /** retries by itself while the server is away; a 401 is final until the next page load */
  readonly resource = new Resource((_key, signal) => fetchAccess(signal))

  readonly answer: AccessAnswer | null = $derived(this.resource.data ?? null)
  /** the server knows nobody here and lets nobody look anonymously, or the session or screen token is no longer valid */
  readonly unauthenticated: boolean = $derived(this.resource.error instanceof HttpError && this.resource.error.status === 401)
  /** demo data flows: every screen says 演示环境 */
  readonly demo: boolean = $derived(this.answer?.demo === true)

  start(): void {
    this.resource.load('access')
  }
}

export const access = new AccessState()
