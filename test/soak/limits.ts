/** What the wall issue allows a wall left running: change of heap and DOM from early on, and the longest task after start-up. */
export const SOAK_LIMITS = { changePercent: 10, longTaskMs: 200 } as const
