import { describe, expect, it } from 'vitest'
import { CANVAS, fitCanvas } from '../../../client/src/wall/fit'

describe('fitCanvas', () => {
  it('is identity on the design size', () => {
    expect(fitCanvas({ width: 1920, height: 1080 })).toEqual({ scale: 1, x: 0, y: 0 })
  })

  it('doubles on a 4K wall with no bars', () => {
    expect(fitCanvas({ width: 3840, height: 2160 })).toEqual({ scale: 2, x: 0, y: 0 })
  })

  it('letterboxes a taller window, centred vertically', () => {
    const fit = fitCanvas({ width: 1920, height: 1200 })
    expect(fit.scale).toBe(1)
    expect(fit.x).toBe(0)
    expect(fit.y).toBe(60)
  })

  it('pillarboxes a wider window, centred horizontally', () => {
    const fit = fitCanvas({ width: 2560, height: 1080 })
    expect(fit).toEqual({ scale: 1, x: 320, y: 0 })
  })

  it('never distorts and never overflows', () => {
    for (const [width, height] of [[1366, 768], [1280, 1024], [800, 2000], [5120, 1440]] as const) {
      const fit = fitCanvas({ width, height })
      expect(CANVAS.width * fit.scale).toBeLessThanOrEqual(width + 1e-9)
      expect(CANVAS.height * fit.scale).toBeLessThanOrEqual(height + 1e-9)
      expect(fit.x).toBeGreaterThanOrEqual(0)
      expect(fit.y).toBeGreaterThanOrEqual(0)
    }
  })

  it('survives a zero-sized window (minimised, not yet laid out)', () => {
    expect(fitCanvas({ width: 0, height: 0 })).toEqual({ scale: 1, x: 0, y: 0 })
  })
})
