// The geo routes on a database no import has touched.
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../../support/test-app'
import { createTestDatabase } from '../../support/test-databases'
import { regionsOf } from './served-regions'

describe('geo routes', () => {
  it('draws a county as itself, from the bundled county shapes, and refuses unknown codes with a problem', async () => {
    const database = await createTestDatabase('pglite')
    const app = await buildTestApp(database.env)
    try {
      const county = regionsOf((await app.inject('/api/v1/geo/510104')).body)
      expect(county.features.map((region) => region.properties)).toEqual([{ code: '510104', name: '锦江区', schematic: false }])
      const unknown = await app.inject('/api/v1/geo/519999')
      expect(unknown.statusCode).toBe(404)
      expect(unknown.headers['content-type']).toMatch(/problem\+json/)
    } finally {
      await app.close()
      await database.drop()
    }
  })
})
