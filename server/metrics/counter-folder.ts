// Folds the counter changes ingest appends into the day and month tables, in the
// background. The longer between folds, the more batches' changes to one counter
// become a single update; reads add what is not folded yet, so figures stay exact.
import fp from 'fastify-plugin'
import { foldCounterChanges } from './counter-store'

export interface CounterFolderOptions {
  intervalMs: number
}

export default fp<CounterFolderOptions>(
  async (app, options) => {
    let running: Promise<unknown> = Promise.resolve()
    const fold = () => {
      running = foldCounterChanges(app.database.db).catch((error: unknown) => app.log.warn({ err: error }, 'folding counter changes failed; retrying next interval'))
    }
    const timer = setInterval(fold, options.intervalMs)
    app.addHook('onClose', async () => {
      clearInterval(timer)
      await running
    })
  },
  { name: 'counter-folder', dependencies: ['database'] },
)
