import { afterEach, describe, expect, it, vi } from 'vitest'
import { HttpError, sendJson } from '../../../client/src/http/json'

afterEach(() => vi.unstubAllGlobals())

function answering(status: number, body: unknown): void {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }))
}

describe('sendJson refusals', () => {
  it('carry the code and the fields the problem names, for a form to mark them', async () => {
    answering(400, { code: 'unknown_region', detail: 'region 519999 is not…', errors: [{ field: 'body.region', message: 'names no region' }] })
    const refusal = await sendJson('PATCH', '/api/v1/users/liwei', { body: { region: '519999' } }).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(HttpError)
    expect(refusal).toMatchObject({ status: 400, code: 'unknown_region', fields: ['body.region'] })
  })

  it('name no fields when the problem lists none, or lists them wrongly', async () => {
    for (const errors of [undefined, 'body.region', [{ message: 'no field' }, null]]) {
      answering(403, { code: 'forbidden', detail: 'no', errors })
      await expect(sendJson('POST', '/api/v1/keys')).rejects.toMatchObject({ code: 'forbidden', fields: [] })
    }
  })
})
