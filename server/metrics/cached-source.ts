// What live views read, kept between ticks in front of the database source, so that a
// tick reads only what it cannot know otherwise. Counter sums are kept in buckets
// (kept-counters.ts); overdue items (which also move with time), campaign targets and
// tickers are let go as commits touch them. Nothing here is the truth: it is cleared at
// each new day and when the database comes back.
import type { TickerItem } from '../../shared/ticker'
import type { ClocksSwept } from '../events/clocks-swept'
import type { RecordsCommitted } from '../events/records-committed'
import { tickerItemOf, withWritten } from '../ticker/ticker-queries'
import type { CampaignRow, CampaignTargets } from './campaigns-repository'
import type { CounterSums, DailyCounters } from './counter-queries'
import { type CounterTouch, touchOf } from './counter-touch'
import { CacheEntries } from './cache-entries'
import { type BucketReader, KeptCounters } from './kept-counters'
import { SUMMARY_COUNTERS } from './metric-reads'
import type { MetricSource, Subject, SumsRequest } from './metric-source'
import type { OverdueCounts } from '../clocks/overdue-queries'
import type { DateRange } from '../../shared/period'
import type { TaskFigures } from '../../shared/tasks'
import type { TasksChanged } from '../events/duty-changed'
import { noTaskFigures } from '../tasks/task-figures'

export class CachedSource implements MetricSource {
  /** day and month buckets hold every counter a summary or breakdown reads */
  readonly #counters: KeptCounters
  readonly #overdue = new CacheEntries<OverdueCounts>()
  readonly #targets = new CacheEntries<CampaignTargets | null>()
  readonly #newest = new CacheEntries<TickerItem[]>()
  /** by subject region: a task's change lets go of its region and every region above */
  readonly #tasks = new CacheEntries<TaskFigures>()
  #campaigns: Promise<CampaignRow[]> | undefined

  constructor(
    private readonly database: MetricSource,
    reader: BucketReader,
  ) {
    this.#counters = new KeptCounters(SUMMARY_COUNTERS, reader)
  }

  get regions() {
    return this.database.regions
  }

  get timeZone() {
    return this.database.timeZone
  }

  get loadingDays() {
    return this.database.loadingDays
  }

  /** Records committed here: their counter changes added, their ticker items merged into what is kept, the rest let go. */
  recordsCommitted(event: RecordsCommitted): void {
    this.#counters.add(event.generation, event.changes)
    const touch = touchOf(event)
    this.#forgetOverdue(touch)
    const written = new Map<string, TickerItem[]>()
    for (const record of event.records) {
      const item = tickerItemOf(record, this.regions, this.timeZone)
      if (item === null) continue
      const items = written.get(item.regionCode)
      if (items === undefined) written.set(item.regionCode, [item])
      else items.push(item)
    }
    for (const [code, items] of written) {
      const kept = this.#newest.get(code)
      const merged = kept === undefined ? undefined : withWritten(kept, items)
      if (merged === undefined) this.#newest.forget(code)
      else this.#newest.replace(code, merged)
    }
    if (touch.campaignDefinitions) this.#forgetCampaigns()
  }

  /** Deadlines swept here: their counter changes added, overdue items let go where they moved. */
  clocksSwept(event: ClocksSwept): void {
    this.#counters.add(event.generation, event.changes)
    this.#forgetOverdue(touchOf(event))
  }

  /** Tasks dispatched or stepped, or their clocks moved (here or on another instance): their figures let go up the tree. */
  tasksChanged(event: TasksChanged): void {
    for (const code of event.regionCodes) {
      this.#tasks.forget(code)
      for (const ancestor of this.regions.ancestors(code)) this.#tasks.forget(ancestor.code)
    }
  }

  /** Another instance's commit: only where it touched is known, and that is let go. */
  committedElsewhere(touch: CounterTouch): void {
    this.#counters.forget(touch.days, touch.campaigns)
    this.#forgetOverdue(touch)
    this.tasksChanged({ regionCodes: [...touch.tasks] })
    for (const code of touch.ticker) this.#newest.forget(code)
    if (touch.campaignDefinitions) this.#forgetCampaigns()
  }

  clear(): void {
    for (const entries of [this.#overdue, this.#targets, this.#newest, this.#tasks]) entries.clear()
    this.#counters.clear()
    this.#campaigns = undefined
  }

  #forgetOverdue(touch: CounterTouch): void {
    for (const code of touch.overdue) this.#overdue.forget(code)
  }

  #forgetCampaigns(): void {
    this.#targets.clear()
    this.#campaigns = undefined
  }

  async sums(requests: readonly SumsRequest[]): Promise<CounterSums[]> {
    const kept = requests.filter((request) => this.#counters.covers(request))
    const others = requests.filter((request) => !kept.includes(request))
    const [fromBuckets, fromDatabase] = await Promise.all([this.#counters.sums(kept), this.database.sums(others)])
    const answers = new Map<SumsRequest, CounterSums>()
    kept.forEach((request, index) => answers.set(request, fromBuckets[index] as CounterSums))
    others.forEach((request, index) => answers.set(request, fromDatabase[index] as CounterSums))
    return requests.map((request) => answers.get(request) as CounterSums)
  }

  /** read as asked: no live view shows a daily series */
  daily(code: string, counters: readonly string[], range: DateRange): Promise<DailyCounters> {
    return this.database.daily(code, counters, range)
  }

  overdue(subjects: readonly Subject[], now: Date): Promise<Map<string, OverdueCounts>> {
    const byCode = new Map(subjects.map((subject) => [subject.code, subject]))
    return this.#overdue.through(
      subjects.map((subject) => subject.code),
      (missing) => this.database.overdue(missing.map((code) => byCode.get(code) as Subject), now),
      { total: 0 },
    )
  }

  tasks(codes: readonly string[], now: Date): Promise<Map<string, TaskFigures>> {
    return this.#tasks.through(codes, (missing) => this.database.tasks(missing, now), noTaskFigures())
  }

  async targets(campaignId: string, codes: readonly string[]): Promise<Map<string, CampaignTargets>> {
    const prefix = `${campaignId}|`
    const kept = await this.#targets.through(
      codes.map((code) => prefix + code),
      async (missing) => {
        const read = await this.database.targets(campaignId, missing.map((key) => key.slice(prefix.length)))
        return new Map([...read].map(([code, targets]) => [prefix + code, targets]))
      },
      null,
    )
    const found = new Map<string, CampaignTargets>()
    for (const code of codes) {
      const targets = kept.get(prefix + code)
      if (targets !== undefined && targets !== null) found.set(code, targets)
    }
    return found
  }

  newestAt(codes: readonly string[]): Promise<Map<string, TickerItem[]>> {
    return this.#newest.through(codes, (missing) => this.database.newestAt(missing), [])
  }

  campaigns(): Promise<CampaignRow[]> {
    if (this.#campaigns === undefined) {
      const read = this.database.campaigns()
      this.#campaigns = read
      read.catch(() => {
        if (this.#campaigns === read) this.#campaigns = undefined
      })
    }
    return this.#campaigns
  }
}
