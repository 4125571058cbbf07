// Which screen a rotating wall shows now. The position follows the clock rather than a
// counter the page keeps, so a reload or a reconnection picks up exactly where the
// rotation stands, and every screen of a spliced wall turns at the same moment.
import { SCREENS, type ScreenKey } from '../../../shared/wall-screens'
import type { Playlist, WallTarget } from '../router/routes'

/** Every screen for the first region, then every screen for the next. */
export function playlistTargets(playlist: Playlist): WallTarget[] {
  const regions: (string | null)[] = playlist.regions.length === 0 ? [null] : playlist.regions
  return regions.flatMap((region) => playlist.screens.map((screen) => ({ screen, region, period: playlist.period })))
}

export interface PlaylistSlot {
  index: number
  /** clock ms at which the next entry comes up */
  nextAtMs: number
}

export function playlistSlot(nowMs: number, intervalS: number, length: number): PlaylistSlot {
  const intervalMs = intervalS * 1000
  const turn = Math.floor(nowMs / intervalMs)
  return { index: ((turn % length) + length) % length, nextAtMs: (turn + 1) * intervalMs }
}

/**
 * The screens shown side by side on a wide wall: the chosen one first, then those after it
 * in the order given (the playlist's, or every screen's), each once.
 */
export function screensBeside(first: ScreenKey, count: number, order: readonly ScreenKey[] = SCREENS): ScreenKey[] {
  const ring = order.includes(first) ? order : SCREENS
  const start = ring.indexOf(first)
  const shown: ScreenKey[] = []
  for (let step = 0; step < ring.length && shown.length < count; step++) {
    const screen = ring[(start + step) % ring.length]!
    if (!shown.includes(screen)) shown.push(screen)
  }
  return shown
}
