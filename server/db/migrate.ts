import type { Kysely } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import * as regionsAndBoundaries from './migrations/2026-11-23T10-regions-and-boundaries'
import * as recordsAndMetrics from './migrations/2026-11-23T14-records-and-metrics'
import * as leanRecords from './migrations/2026-11-23T16-lean-records'
import * as counterChanges from './migrations/2026-11-23T17-counter-changes'
import * as overdueOpenCounters from './migrations/2026-11-29T08-overdue-open-counters'
import * as socketIoAttachments from './migrations/2026-11-29T12-socket-io-attachments'
import * as recordsTicker from './migrations/2026-12-01T09-records-ticker'
import * as dailyCountsByDay from './migrations/2026-12-01T10-daily-counts-by-day'
import * as commitGeneration from './migrations/2026-12-01T11-commit-generation'
import * as demoHistory from './migrations/2026-12-04T09-demo-history'
import * as afterAdvisoryLock from './migrations/2026-12-04T13-after-advisory-lock'
import * as access from './migrations/2026-12-04T15-access'
import * as sessions from './migrations/2026-12-04T16-sessions'
import * as dutyDesk from './migrations/2026-12-04T20-duty-desk'
import * as foodSamplingWindow from './migrations/2026-12-04T23-food-sampling-window'
import * as campaignEnglishName from './migrations/2026-12-05T00-campaign-english-name'
import * as mediationOutcomes from './migrations/2026-12-05T00-mediation-outcomes'
import * as demoHistoryYearEarlier from './migrations/2026-12-05T02-demo-history-year-earlier'
import type { Database } from './schema'

// Listed, not globbed, so the set of migrations is part of the build and a
// missing file fails type-checking rather than a deployment.
const migrations: Record<string, Migration> = {
  '2026-11-23T10-regions-and-boundaries': regionsAndBoundaries,
  '2026-11-23T14-records-and-metrics': recordsAndMetrics,
  '2026-11-23T16-lean-records': leanRecords,
  '2026-11-23T17-counter-changes': counterChanges,
  '2026-11-29T08-overdue-open-counters': overdueOpenCounters,
  '2026-11-29T12-socket-io-attachments': socketIoAttachments,
  '2026-12-01T09-records-ticker': recordsTicker,
  '2026-12-01T10-daily-counts-by-day': dailyCountsByDay,
  '2026-12-01T11-commit-generation': commitGeneration,
  '2026-12-04T09-demo-history': demoHistory,
  '2026-12-04T13-after-advisory-lock': afterAdvisoryLock,
  '2026-12-04T15-access': access,
  '2026-12-04T16-sessions': sessions,
  '2026-12-04T20-duty-desk': dutyDesk,
  '2026-12-04T23-food-sampling-window': foodSamplingWindow,
  '2026-12-05T00-campaign-english-name': campaignEnglishName,
  '2026-12-05T00-mediation-outcomes': mediationOutcomes,
  '2026-12-05T02-demo-history-year-earlier': demoHistoryYearEarlier,
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error !== undefined || failed !== undefined) {
    const name = failed === undefined ? '' : ` ${failed.migrationName}`
    throw new Error(`database migration${name} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
