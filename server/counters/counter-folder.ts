// Folds the counter changes ingest appends into the day and month tables, in the
// background. The longer between folds, the more batches' changes to one counter
// become a single update; reads add what is not folded yet, so figures stay exact.
import fp from 'fastify-plugin'
import { runEvery } from '../jobs/interval-job'
import { foldCounterChanges } from './counter-store'

export interface CounterFolderOptions {
  intervalMs: number
}

export default fp<CounterFolderOptions>(
  async (app, options) => {
    runEvery(app, options.intervalMs, 'folding counter changes', () => foldCounterChanges(app.database.db))
  },
  { name: 'counter-folder', dependencies: ['database'] },
)
