import fp from 'fastify-plugin'
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from './database'

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle
  }
}

export default fp<DatabaseOptions>(
  async (app, options) => {
    const database = await openDatabase(options)
    app.decorate('database', database)
    app.addHook('onClose', () => database.close())
  },
  { name: 'database' },
)
