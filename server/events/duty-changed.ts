// The duty desk's events: alerts raised, updated or resolved, and tasks dispatched or
// stepped. Each names the regions whose views must show the change (the regions the
// alerts or tasks belong to; live adds their ancestors).
export interface AlertsChanged {
  regionCodes: readonly string[]
}

export interface TasksChanged {
  regionCodes: readonly string[]
}
