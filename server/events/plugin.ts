// The app's domain events: records committed (ingest), clocks swept (the deadline
// sweeper), alerts and tasks changed (the duty desk), the demo's history filling; metrics,
// alerts and live subscribe.
import fp from 'fastify-plugin'
import type { ClocksSwept } from './clocks-swept'
import type { DemoHistoryProgress } from './demo-history'
import type { AlertsChanged, TasksChanged } from './duty-changed'
import type { RecordsCommitted } from './records-committed'
import { Topic } from './topic'

export class DomainEvents {
  readonly recordsCommitted = new Topic<RecordsCommitted>()
  readonly clocksSwept = new Topic<ClocksSwept>()
  readonly alertsChanged = new Topic<AlertsChanged>()
  readonly tasksChanged = new Topic<TasksChanged>()
  readonly demoHistory = new Topic<DemoHistoryProgress>()
}

declare module 'fastify' {
  interface FastifyInstance {
    events: DomainEvents
  }
}

export default fp(
  async (app) => {
    app.decorate('events', new DomainEvents())
  },
  { name: 'events' },
)
