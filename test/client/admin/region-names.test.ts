import { describe, expect, it } from 'vitest'
import { loadProvinceRegionNames } from '../../../client/src/admin/region-names'
import { loadProvinceDivisions } from '../../../server/regions/region-tree'

describe('region names for the admin page', () => {
  it('name the regions of the province as the server does, no more, no fewer', async () => {
    for (const province of ['510000', '500000', '460000']) {
      const names = await loadProvinceRegionNames(province)
      const server = loadProvinceDivisions(province).map(({ code, name }) => ({ code, name }))
      expect(names).toEqual([...server].sort((a, b) => a.code.localeCompare(b.code)))
    }
  })

  it('finds the province from any code in it', async () => {
    expect((await loadProvinceRegionNames('510104'))[0]).toEqual({ code: '510000', name: '四川省' })
  })
})
