// Deadlines that passed since the last sweep, counted: no record was written, only
// counters moved (items turned due and overdue).
import type { CounterDeltas } from './records-committed'

export interface ClocksSwept {
  /** the sweep's place in the order of commits (commit_generation) */
  generation: number
  changes: CounterDeltas
}
