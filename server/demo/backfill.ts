// History generated day by day and posted through ingest: by the CLI, and by a
// demo server's first start on an empty database.
import type { IngestRecord, IngestResult } from '../../shared/records'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { DAY_MS, HOUR_MS, chinaDate, startOfChinaDay } from './china-time'
import type { DemoGenerator } from './generator'
import { type PostRecords, addResults, emptyResult } from './ingest-client'

export interface BackfillProgress {
  /** days begun, of all days in the history */
  daysDone: number
  days: number
  records: number
  elapsedMs: number
}

export interface BackfillOptions {
  /** the history covers [from, to); days start at China's midnight */
  from: number
  to: number
  /**
   * 'hour' generates an hour at a time and lets other requests in between: PGlite runs in the
   * server's own thread, so a day's batch would hold up health and the wall for seconds.
   * Either way a post carries at least POST_AT_LEAST records, quiet hours gathered.
   */
  window?: 'day' | 'hour'
  /** times the calibrated volume (benchmarks build large histories) */
  speed?: number
  onProgress?: (progress: BackfillProgress) => void
  /** checked before each post: a closing server stops early */
  shouldStop?: () => boolean
  /** after each post, with the end of the span its records cover: everything before it is stored */
  onPosted?: (until: number) => Promise<void>
}

export interface BackfillSummary extends BackfillProgress {
  result: IngestResult
}

/** from local midnight `days` days before `now` */
export function historyStart(now: number, days: number): number {
  return startOfChinaDay(chinaDate(now - days * DAY_MS))
}

/** 42s, 3m05s */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
}

const BAR_WIDTH = 30

/** day 12/365 [#---…] 41,230 records, ETA 3m05s */
export function progressLine({ daysDone, days, records, elapsedMs }: BackfillProgress): string {
  const filled = Math.round((daysDone / days) * BAR_WIDTH)
  const eta = (elapsedMs / daysDone) * (days - daysDone)
  return `day ${daysDone}/${days} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${records.toLocaleString('en')} records, ETA ${formatDuration(eta)}`
}

/** fewer records than this wait for the next window before they are posted */
const POST_AT_LEAST = 2000

export async function backfill(generator: DemoGenerator, post: PostRecords, options: BackfillOptions): Promise<BackfillSummary> {
  const started = performance.now()
  const days = Math.ceil((options.to - options.from) / DAY_MS)
  let result = emptyResult()
  let records = 0
  let daysDone = 0
  const nextBoundary = (at: number) => (options.window === 'hour' ? (Math.floor(at / HOUR_MS) + 1) * HOUR_MS : startOfChinaDay(chinaDate(at + DAY_MS)))
  // The next windows are generated while the last post is written; posts still go one at a time, in order.
  let posting: Promise<void> = Promise.resolve()
  let batch: IngestRecord[] = []
  for (let start = options.from; start < options.to && options.shouldStop?.() !== true; ) {
    const end = Math.min(options.to, nextBoundary(start))
    for (const record of generator.generate(start, end, options.speed)) batch.push(record)
    start = end
    // Quiet hours are gathered into larger posts: each post costs transactions of its own.
    if (batch.length >= POST_AT_LEAST || end === options.to) {
      await posting
      if (options.shouldStop?.() === true) break
      const posted = batch
      batch = []
      posting = post(posted).then(async (answer) => {
        result = addResults(result, answer)
        await options.onPosted?.(end)
      })
      posting.catch(() => {}) // awaited before the next post; this only keeps a failure meanwhile from counting as unhandled
      records += posted.length
    }
    const daysBegun = Math.min(days, Math.ceil((end - options.from) / DAY_MS))
    if (daysBegun > daysDone || end === options.to) {
      daysDone = daysBegun
      options.onProgress?.({ daysDone, days, records, elapsedMs: performance.now() - started })
    }
    if (options.window === 'hour') await nextTurn()
  }
  await posting
  return { daysDone, days, records, elapsedMs: performance.now() - started, result }
}
