import { describe, expect, it } from 'vitest'
import { CANVAS, fitCanvas, screensAcross } from '../../../client/src/wall/fit'

describe('fitCanvas', () => {
  it('is identity on the design size', () => {
    expect(fitCanvas({ width: 1920, height: 1080 })).toEqual({ scale: 1, width: 1920, height: 1080, x: 0, y: 0 })
  })

  it('doubles on a 4K wall with no bars', () => {
    expect(fitCanvas({ width: 3840, height: 2160 })).toEqual({ scale: 2, width: 1920, height: 1080, x: 0, y: 0 })
  })

  it('letterboxes a taller window, centred vertically', () => {
    const fit = fitCanvas({ width: 1920, height: 1200 })
    expect(fit).toEqual({ scale: 1, width: 1920, height: 1080, x: 0, y: 60 })
  })

  it('gives a spliced wall a wider canvas at the same text size, not bars', () => {
    expect(fitCanvas({ width: 5760, height: 1080 })).toEqual({ scale: 1, width: 5760, height: 1080, x: 0, y: 0 })
    const ultrawide = fitCanvas({ width: 5120, height: 1440 })
    expect(ultrawide.scale).toBeCloseTo(4 / 3)
    expect(ultrawide.width).toBe(3840)
  })

  it('never distorts and never overflows', () => {
    for (const [width, height] of [[1366, 768], [1280, 1024], [800, 2000], [5120, 1440], [2560, 1080], [7680, 2160]] as const) {
      const fit = fitCanvas({ width, height })
      expect(fit.width * fit.scale).toBeLessThanOrEqual(width + 1e-9)
      expect(CANVAS.height * fit.scale).toBeLessThanOrEqual(height + 1e-9)
      expect(fit.width).toBeGreaterThanOrEqual(CANVAS.width)
      expect(fit.x).toBeGreaterThanOrEqual(0)
      expect(fit.y).toBeGreaterThanOrEqual(0)
    }
  })

  it('survives a zero-sized window (minimised, not yet laid out)', () => {
    expect(fitCanvas({ width: 0, height: 0 })).toEqual({ scale: 1, width: 1920, height: 1080, x: 0, y: 0 })
  })
})

describe('screensAcross', () => {
  it('puts one screen per full design width side by side', () => {
    expect(screensAcross(1920)).toBe(1)
    expect(screensAcross(2560)).toBe(1)
    expect(screensAcross(3840)).toBe(2)
    expect(screensAcross(5760)).toBe(3)
  })
})
