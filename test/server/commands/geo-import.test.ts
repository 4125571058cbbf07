// geo:import as an operator runs it (a real process on the server's configuration),
// then the server drawing the imported shapes, also after being killed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { geoCentroid } from 'd3-geo'
import type { Feature } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDatavCityFile } from '../../support/datav-fixture'
import { buildTestApp } from '../../support/test-app'
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from '../../support/test-databases'
import { exitOf, killAllStarted, runToExit, startNodeScript, waitUntilReady } from '../../support/processes'
import { regionsOf } from '../geo/served-regions'

const PANZHIHUA_COUNTIES = [
  { adcode: '510402', name: '东区' },
  { adcode: '510403', name: '西区' },
  { adcode: '510411', name: '仁和区' },
  { adcode: '510421', name: '米易县' },
  // drawn before a (fictitious) change of code: the operator maps 510499 → 510422
  { adcode: '510499', name: '盐边县' },
]

const runImport = (env: Record<string, string>, args: string[]) => runToExit(startNodeScript('server/commands/geo-import.ts', env, args))

describe.each(testDatabaseKinds())('geo:import of DataV files on %s', (kind) => {
  let database: TestDatabase
  let folder: string
  let cityFile: string
  beforeAll(async () => {
    database = await createTestDatabase(kind)
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-datav-'))
    cityFile = path.join(folder, '510400_full.json')
    fs.writeFileSync(cityFile, JSON.stringify(makeDatavCityFile('sichuan', '攀枝花市', '510400', PANZHIHUA_COUNTIES)))
    fs.writeFileSync(path.join(folder, 'old-new.csv'), 'old_code,new_code\n510499,510422\n')
  })
  afterAll(async () => {
    killAllStarted()
    await database.drop()
  })

// The fixture cuts Panzhihua into strips west to east in list order, so 盐边县 is the
// easternmost strip; on the real map (the bundled shapes) it is the westernmost county.
function yanbianLiesEastOfDongqu(body: string): boolean {
  const features = regionsOf(body).features as unknown as Feature[]
  const longitude = (code: string) => geoCentroid(features.find((feature) => feature.properties?.code === code)!)[0]
  return longitude('510422') > longitude('510402')
}

  it('before any import, draws the bundled counties and real cities', async () => {
    const app = await buildTestApp(database.env)
    try {
      const cities = regionsOf((await app.inject(`/api/v1/geo/510000`)).body)
      expect(cities.features).toHaveLength(21)
      expect(cities.features.every((region) => !region.properties.schematic)).toBe(true)
      const bundled = (await app.inject(`/api/v1/geo/510400`)).body
      expect(yanbianLiesEastOfDongqu(bundled)).toBe(false)
      const counties = regionsOf(bundled)
      expect(counties.features.map((region) => region.properties.code).sort()).toEqual(['510402', '510403', '510411', '510421', '510422'])
      expect(counties.features.every((region) => !region.properties.schematic)).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('imports the known codes and reports the unknown one instead of dropping it', async () => {
    const result = await runImport(database.env, [cityFile])
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('imported 4 boundaries')
    expect(result.stdout).toMatch(/NOT imported, 1 unknown codes.*\n.*510499 盐边县/)
  })

  it('resolves the retired code with the operator mapping file', async () => {
    const result = await runImport(database.env, ['--map', path.join(folder, 'old-new.csv'), cityFile])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('imported 5 boundaries')
    expect(result.stdout).toContain('510422 盐边县')
  })

  it('then serves the imported shapes, with a new geometry version and a working ETag', async () => {
    const app = await buildTestApp(database.env)
    try {
      const response = await app.inject(`/api/v1/geo/510400`)
      // the imported strips win over the bundled shapes
      expect(yanbianLiesEastOfDongqu(response.body)).toBe(true)
      const counties = regionsOf(response.body)
      expect(counties.features.map((region) => region.properties.code).sort()).toEqual(['510402', '510403', '510411', '510421', '510422'])
      expect(counties.features.every((region) => region.properties.schematic === false)).toBe(true)
      expect(counties.features.find((region) => region.properties.code === '510422')?.properties.name).toBe('盐边县')
      const etag = response.headers.etag as string
      expect((await app.inject({ url: `/api/v1/geo/510400`, headers: { 'if-none-match': etag } })).statusCode).toBe(304)
      const { geoVersion } = (await app.inject('/api/v1/config')).json<{ geoVersion: string }>()
      expect(geoVersion).not.toBe('0-0')
      expect((await app.inject(`/api/v1/geo/510400?v=${geoVersion}`)).headers['cache-control']).toContain('immutable')
      expect((await app.inject(`/api/v1/geo/510400?v=stale`)).headers['cache-control']).toContain('must-revalidate')
      // other cities keep their bundled counties
      expect(regionsOf((await app.inject(`/api/v1/geo/510100`)).body).features.every((region) => !region.properties.schematic)).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('keeps everything when the server is killed and started again', async () => {
    const first = startNodeScript('server/main.ts', database.env)
    await waitUntilReady(first)
    first.kill('SIGKILL')
    await exitOf(first)
    // Anonymous reading is off on a server like this one; the shapes are read without logging in.
    const second = startNodeScript('server/main.ts', { ...database.env, REGDECK_ANONYMOUS: 'viewer' })
    try {
      const url = await waitUntilReady(second)
      const counties = regionsOf(await (await fetch(`${url}/api/v1/geo/510400`)).text())
      expect(counties.features.filter((region) => !region.properties.schematic)).toHaveLength(5)
    } finally {
      second.kill('SIGTERM')
      await exitOf(second)
    }
  })
})
