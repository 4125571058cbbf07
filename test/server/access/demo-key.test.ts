// The demo writes like any source system: with a province key of its own, made at its first
// post, and the keys of earlier starts revoked, since their tokens are gone with their process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listTokenHolders } from '../../../server/access/token-holders-repository'
import { DEMO_KEY_NAME, ingestPoster } from '../../../server/demo/ingest-client'
import { complaint } from '../../support/record-factory'
import { type TestApp, startTestApp } from '../../support/test-app'

describe('the demo\'s key', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await startTestApp('pglite', { REGDECK_ANONYMOUS: 'off' })
  })
  afterAll(() => testApp.close())

  const demoKeys = async () => (await listTokenHolders(testApp.app.database.db)).filter((holder) => holder.kind === 'key' && holder.name === DEMO_KEY_NAME)

  it('is a province key made at the first post, and a later start revokes it', async () => {
    const earlier = ingestPoster(testApp.app)
    expect(await demoKeys()).toEqual([])
    expect(await earlier([complaint({ id: 'C-demo-1' })])).toMatchObject({ accepted: 1 })
    const [first] = await demoKeys()
    expect(first).toMatchObject({ region: '510000', revokedAt: null, lastUsedAt: expect.any(Date) })

    const later = ingestPoster(testApp.app)
    expect(await later([complaint({ id: 'C-demo-2' })])).toMatchObject({ accepted: 1 })
    const keys = await demoKeys()
    expect(keys).toHaveLength(2)
    expect(keys.find((key) => key.id === first?.id)?.revokedAt).toBeInstanceOf(Date)
    expect(keys.filter((key) => key.revokedAt === null)).toHaveLength(1)
    // The earlier start's token no longer writes.
    await expect(earlier([complaint({ id: 'C-demo-3' })])).rejects.toThrow(/ingest answered 401/)
  })
})
