// The wall is drawn on a design canvas 1080 px high and scaled as a whole, so every
// screen shows the same picture, sharp, never distorted. A screen wider than 16:9 (a
// spliced wall such as 5760×1080) gets a wider canvas instead of side bars: the extra
// width holds more, the text keeps its size.

export const CANVAS = { width: 1920, height: 1080 } as const

export interface CanvasFit {
  scale: number
  /** design pixels: CANVAS.width or more on wide screens; always CANVAS.height high */
  width: number
  height: number
  /** left/top offset in window pixels that centres the canvas (bars above and below on taller screens) */
  x: number
  y: number
}

export function fitCanvas(viewport: { width: number; height: number }): CanvasFit {
  if (!(viewport.width > 0 && viewport.height > 0)) return { scale: 1, width: CANVAS.width, height: CANVAS.height, x: 0, y: 0 }
  const scale = Math.min(viewport.width / CANVAS.width, viewport.height / CANVAS.height)
  const width = Math.max(CANVAS.width, Math.floor(viewport.width / scale))
  return { scale, width, height: CANVAS.height, x: (viewport.width - width * scale) / 2, y: (viewport.height - CANVAS.height * scale) / 2 }
}

/** How many screens a canvas this wide shows side by side: one per full design width. */
export function screensAcross(canvasWidth: number): number {
  return Math.max(1, Math.floor(canvasWidth / CANVAS.width))
}
