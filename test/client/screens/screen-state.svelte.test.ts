// What the screens share of the wall's data: the map's load notice follows what the map
// waits for, and one hover lights the same region in the map and the lists.
import { describe, expect, it, vi } from 'vitest'
import type { WallData } from '../../../client/src/screens/wall-data.svelte'

// The wall's words come from the locale, which sets the page's language as it loads.
vi.stubGlobal('document', { documentElement: {} })
const { ScreenState } = await import('../../../client/src/screens/screen-state.svelte')

const failed = new Error('failed')

/** The parts of the wall's data that ScreenState reads, as state a test may change. */
function wallWith(fields: { mapParent: string | null; highlighted?: string | null }) {
  const wall = $state({
    view: null,
    mapView: null,
    period: 'year',
    hovered: null as string | null,
    highlighted: fields.highlighted ?? null,
    mapParent: fields.mapParent,
    detail: { data: undefined, loading: true, error: failed },
    geo: { data: [], loading: false, error: undefined },
    trends: { data: undefined },
  })
  return wall
}

describe('ScreenState', () => {
  it("shows the region's load while the map waits for a county's parent", () => {
    const screen = new ScreenState(() => wallWith({ mapParent: null }) as unknown as WallData)
    expect(screen.mapPanel.load).toEqual({ loading: true, error: failed, hasData: false })
  })

  it("shows the outlines' load once the map knows whose children it draws", () => {
    const screen = new ScreenState(() => wallWith({ mapParent: '510100' }) as unknown as WallData)
    expect(screen.mapPanel.load).toEqual({ loading: false, error: undefined, hasData: true })
  })

  it('lights the hovered region in the lists unless a county is lit', () => {
    const wall = wallWith({ mapParent: '510100' })
    const screen = new ScreenState(() => wall as unknown as WallData)
    screen.regionList.onHover('510104')
    expect(wall.hovered).toBe('510104')
    expect(screen.regionList.highlighted).toBe('510104')
    expect(screen.mapPanel.hovered).toBe('510104')
    wall.highlighted = '510105'
    expect(screen.regionList.highlighted).toBe('510105')
  })

  it('reads as current while the view has not yet arrived', () => {
    const screen = new ScreenState(() => wallWith({ mapParent: null }) as unknown as WallData)
    expect(screen.current).toBe(true)
    expect(screen.changedAt(['/summary/metrics'])).toBeNull()
    expect(screen.mapChangedAt(['/campaigns'])).toBeNull()
  })
})
