// The demo's first-start history, while it fills: screens say so until it is done.
export interface DemoHistoryProgress {
  /** whole percent of the history's time filled; null once it is done */
  percent: number | null
}
