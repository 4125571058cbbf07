// What the desk's parts share: who is at the desk, the calls, the words, the names, the time.
import type { RegionName } from '../admin/region-names'
import type { DeskApi } from './desk-api'
import type { DeskMessages } from './desk-messages'

export interface DeskContext {
  api: DeskApi
  role: string
  scope: string
  t: DeskMessages
  /** the regions of the scope, the scope first */
  regions: readonly RegionName[]
  regionName: (code: string) => string
  /** a refusal or failure in the desk's words */
  refusalText: (error: unknown) => string
}

/** "2026-12-04T20:15:00+08:00" → "12-04 20:15": instants carry the command centre's offset, so the text is its local time. */
export const shortTime = (instant: string): string => instant.slice(5, 16).replace('T', ' ')

/** Move focus among a list's items with ↑/↓ or j/k; true when the key was one of those. */
export function moveFocus(event: KeyboardEvent, items: readonly HTMLElement[]): boolean {
  // Letters typed into a field are text, not navigation.
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return false
  const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : event.key === 'ArrowUp' || event.key === 'k' ? -1 : 0
  if (step === 0 || items.length === 0) return false
  const at = items.findIndex((item) => item === document.activeElement || item.contains(document.activeElement))
  const next = at === -1 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step))
  items[next]?.focus()
  event.preventDefault()
  return true
}
