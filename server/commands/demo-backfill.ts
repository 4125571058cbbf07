// npm run demo:backfill -- --days 365 [--seed N]: a year of demo history through the
// real ingest path, with the server's own configuration. PGlite allows one process per
// data folder, so the server must be stopped first (its lock says so otherwise).
import { parseArgs } from 'node:util'
import { buildApp } from '../app'
import { loadConfig } from '../config/config'
import { backfill, formatDuration, historyStart, progressLine } from '../demo/backfill'
import { DemoGenerator } from '../demo/generator'
import { ingestPoster } from '../demo/ingest-client'
import { runCommand } from './run-command'

async function demoBackfill(): Promise<number> {
  const argv = process.argv.slice(2)
  const { values } = parseArgs({ args: argv, strict: false, options: { days: { type: 'string' }, seed: { type: 'string' } } })
  const days = Number(values.days ?? 365)
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed)
  if (!Number.isInteger(days) || days < 1) throw new Error(`--days must be a whole number of days, not ${String(values.days)}`)
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${String(values.seed)}`)

  // The server's configuration, without its own demo: this command is the only writer.
  const config = loadConfig(process.env, [...argv, '--no-demo'])
  // stdout is the command's report; the app logs only errors, to stderr (it serves no client here).
  const app = await buildApp({ config, logger: { level: 'error', stream: process.stderr } })
  try {
    await app.ready()
    const now = Date.now()
    const generator = new DemoGenerator({ regions: app.regions, seed, openCases: 'lead-in', wholeUntil: now })
    process.stderr.write(`backfilling ${days} days into ${app.database.location} (seed ${seed})\n`)
    const summary = await backfill(generator, ingestPoster(app, 'demo-backfill'), {
      from: historyStart(now, days),
      to: now,
      onProgress: (progress) => process.stderr.write(process.stderr.isTTY ? `\r${progressLine(progress)}` : progress.daysDone % 30 === 0 ? `${progressLine(progress)}\n` : ''),
    })
    const { result } = summary
    process.stderr.write(process.stderr.isTTY ? '\n' : '')
    process.stdout.write(
      `${summary.records.toLocaleString('en')} records over ${summary.daysDone} days in ${formatDuration(summary.elapsedMs)} ` +
        `(${Math.round(summary.records / (summary.elapsedMs / 1000)).toLocaleString('en')} records/s): ` +
        `${result.accepted} new, ${result.updated} steps, ${result.duplicates} duplicates, ${result.stale} stale, ${result.rejected} rejected\n`,
    )
    return result.rejected > 0 ? 1 : 0
  } finally {
    await app.close()
  }
}

runCommand('demo:backfill', demoBackfill)
