// A resource retries what may succeed later (the server away, a fault of its own) and never
// asks again for what the server refused (an unknown region): that would go on for ever.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HttpError, NetworkError } from '../../../client/src/http/json'
import { RETRY_MS, Resource } from '../../../client/src/http/resource.svelte'

afterEach(() => vi.useRealTimers())

/** A fetcher that answers from a script and counts the calls. */
function scripted(answers: (() => string)[]) {
  const calls: string[] = []
  const fetcher = async (key: string) => {
    calls.push(key)
    const answer = answers.shift()
    if (answer === undefined) throw new Error('no answer scripted')
    return answer()
  }
  return { calls, fetcher }
}

describe('Resource', () => {
  it.each([
    ['the server cannot be reached', new NetworkError('Failed to fetch')],
    ['its database is away', new HttpError(503, 'database_unavailable', 'the database cannot be reached')],
    ['a rate limit', new HttpError(429, null, 'HTTP 429 Too Many Requests')],
  ])('tries again after %s, keeping the error for the key it belongs to', async (_label, error) => {
    vi.useFakeTimers()
    const { calls, fetcher } = scripted([
      () => {
        throw error
      },
      () => 'loaded',
    ])
    const resource = new Resource(fetcher)
    const cancel = resource.load('510000')
    await vi.advanceTimersByTimeAsync(0)
    expect(resource.errorOf('510000')).toBe(error)
    expect(resource.errorOf('510100')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(RETRY_MS)
    expect([calls.length, resource.data, resource.error]).toEqual([2, 'loaded', undefined])
    cancel()
  })

  it.each([
    ['an unknown region', new HttpError(404, 'unknown_region', 'region 999999 is not a map region of 四川省 (510000)')],
    ['a request it cannot read', new HttpError(400, 'invalid_request', 'query.days must be <= 400')],
  ])('does not ask again after %s', async (_label, error) => {
    vi.useFakeTimers()
    const { calls, fetcher } = scripted([
      () => {
        throw error
      },
    ])
    const resource = new Resource(fetcher)
    const cancel = resource.load('999999')
    await vi.advanceTimersByTimeAsync(RETRY_MS * 4)
    expect(calls).toEqual(['999999'])
    expect(resource.errorOf('999999')).toBe(error)
    cancel()
  })
})
