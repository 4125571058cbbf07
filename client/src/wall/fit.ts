// The wall is drawn once on a fixed design canvas and scaled as a whole, so every
// screen size shows the same picture.

export const CANVAS = { width: 1920, height: 1080 } as const

export interface CanvasFit {
  scale: number
  /** left/top offset in window pixels that centres the canvas (letterbox bars) */
  x: number
  y: number
}

export function fitCanvas(
  viewport: { width: number; height: number },
  canvas: { width: number; height: number } = CANVAS,
): CanvasFit {
  if (!(viewport.width > 0 && viewport.height > 0)) return { scale: 1, x: 0, y: 0 }
  const scale = Math.min(viewport.width / canvas.width, viewport.height / canvas.height)
  return {
    scale,
    x: (viewport.width - canvas.width * scale) / 2,
    y: (viewport.height - canvas.height * scale) / 2,
  }
}
