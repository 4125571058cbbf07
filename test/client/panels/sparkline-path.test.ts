import { describe, expect, it } from 'vitest'
import { sparklineGeometry } from '../../../client/src/panels/sparkline-path'

const SIZE = { width: 100, height: 20, margin: 0 }
/** The points a path visits, in order ("M0,10L10,5" → [[0,10],[10,5]]). */
const vertices = (d: string) => [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
const moves = (d: string) => (d.match(/M/g) ?? []).length

describe('sparklineGeometry', () => {
  it('draws a history shorter than the window only over the days it has', () => {
    // 11 days in the window, values on the last 4: x runs 0..100 in steps of 10.
    const geometry = sparklineGeometry([null, null, null, null, null, null, null, 1, 2, 3, 4], SIZE)
    expect(vertices(geometry.solid).map(([x]) => x)).toEqual([70, 80, 90, 100])
    expect(moves(geometry.solid)).toBe(1)
    expect(geometry.bridges).toBe('')
    expect(geometry.dots).toEqual([])
  })

  it('bridges a day without a value between its neighbours, not down to zero', () => {
    const geometry = sparklineGeometry([10, 20, null, 20, 10], { width: 40, height: 20, margin: 0 })
    // 10 is the bottom (y 20), 20 the top (y 0); no vertex lies below the lowest value.
    const solid = vertices(geometry.solid)
    expect(solid).toEqual([
      [0, 20],
      [10, 0],
      [30, 0],
      [40, 20],
    ])
    expect(vertices(geometry.bridges)).toEqual([
      [10, 0],
      [30, 0],
    ])
  })

  it('shows each lone day as a dot, joined to the next by a bridge', () => {
    const geometry = sparklineGeometry([5, null, 7, null, 5], { width: 40, height: 20, margin: 0 })
    expect(geometry.dots).toEqual([
      { x: 0, y: 20 },
      { x: 20, y: 0 },
      { x: 40, y: 20 },
    ])
    expect(vertices(geometry.bridges).map(([x]) => x)).toEqual([0, 20, 20, 40])
  })

  it('places a flat series in the middle, and the reference only inside the range', () => {
    const geometry = sparklineGeometry([98, 98, 98], SIZE, 98)
    expect(new Set(vertices(geometry.solid).map(([, y]) => y))).toEqual(new Set([10]))
    expect(geometry.referenceY).toBe(10)
    expect(sparklineGeometry([98, 98, 98], SIZE, 50).referenceY).toBeNull()
  })

  it('draws nothing for a window without values', () => {
    expect(sparklineGeometry([null, null, null], SIZE)).toEqual({ solid: '', bridges: '', dots: [], referenceY: null })
  })
})
