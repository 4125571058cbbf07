// The app's domain events: records committed (ingest) and clocks swept (the deadline
// sweeper); metrics and live subscribe.
import fp from 'fastify-plugin'
import type { ClocksSwept } from './clocks-swept'
import type { RecordsCommitted } from './records-committed'
import { Topic } from './topic'

export class DomainEvents {
  readonly recordsCommitted = new Topic<RecordsCommitted>()
  readonly clocksSwept = new Topic<ClocksSwept>()
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
