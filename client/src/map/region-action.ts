// An action the map offers on the region under the pointer or the keyboard's focus, as a link
// beside that region's name: the map knows where regions lie, its caller what the action is.
export interface RegionAction {
  /** the link's text for a region, naming it: a small region's own name may not fit on the map */
  labelFor: (regionName: string) => string
  /** where the action leads for `code`; null: not offered on that region */
  hrefOf: (code: string) => string | null
  /** follows the link inside the app (the router's link handler) */
  onFollow: (event: MouseEvent) => void
}
