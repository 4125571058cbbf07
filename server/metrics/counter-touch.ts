// Where a commit touched stored figures, finely enough for a cache of them to let go of
// only what moved: the days of each region's counters (its ancestors included), the
// regions whose overdue items or campaign counters moved, the regions that got a ticker
// record, and whether a campaign itself was written. All that another instance learns
// of a commit made here.
import type { ClocksSwept } from '../events/clocks-swept'
import type { RecordsCommitted } from '../events/records-committed'
import type { AlertsChanged, TasksChanged } from '../events/duty-changed'
import { isTickerRecord } from '../ticker/ticker-queries'
import { CLOCK_NAMES } from '../clocks/statutory-clocks'
import { COUNTER } from './counter-keys'

const OVERDUE_COUNTERS = new Set(CLOCK_NAMES.map(COUNTER.clockOverdueOpen))
/** what every COUNTER.campaign… name starts with */
const CAMPAIGN_COUNTER_PREFIX = 'campaign.'

export interface CounterTouch {
  /** region → the local days whose counters changed there */
  days: ReadonlyMap<string, ReadonlySet<string>>
  overdue: ReadonlySet<string>
  campaigns: ReadonlySet<string>
  /** regions themselves (not those above) where a ticker record was written */
  ticker: ReadonlySet<string>
  /** a campaign record was written: the campaigns and their targets may differ */
  campaignDefinitions: boolean
  /** regions themselves (not those above) whose follow-up tasks changed */
  tasks: ReadonlySet<string>
  /** regions themselves (not those above) whose visible alerts changed */
  alerts: ReadonlySet<string>
}

const touches = new WeakMap<RecordsCommitted | ClocksSwept, CounterTouch>()

/** Where the commit touched; worked out once per event, however many subscribers ask (ingest waits on them). */
export function touchOf(event: RecordsCommitted | ClocksSwept): CounterTouch {
  let touch = touches.get(event)
  if (touch === undefined) touches.set(event, (touch = workOutTouch(event)))
  return touch
}

function workOutTouch(event: RecordsCommitted | ClocksSwept): CounterTouch {
  const { changes } = event
  const days = new Map<string, Set<string>>()
  const overdue = new Set<string>()
  const campaigns = new Set<string>()
  for (const [code, counters] of changes) {
    const touched = new Set<string>()
    for (const counter in counters) {
      for (const day in counters[counter]) touched.add(day)
      if (OVERDUE_COUNTERS.has(counter)) overdue.add(code)
      else if (counter.startsWith(CAMPAIGN_COUNTER_PREFIX)) campaigns.add(code)
    }
    days.set(code, touched)
  }
  const ticker = new Set<string>()
  let campaignDefinitions = false
  for (const record of 'records' in event ? event.records : []) {
    if (isTickerRecord(record)) ticker.add(record.regionCode)
    else if (record.type === 'campaign') campaignDefinitions = true
  }
  return { days, overdue, campaigns, ticker, campaignDefinitions, tasks: new Set(), alerts: new Set() }
}

const touchOfRegions = (tasks: readonly string[], alerts: readonly string[]): CounterTouch => ({
  days: new Map(),
  overdue: new Set(),
  campaigns: new Set(),
  ticker: new Set(),
  campaignDefinitions: false,
  tasks: new Set(tasks),
  alerts: new Set(alerts),
})

/** Tasks changed: nothing but their regions. */
export const touchOfTasks = (event: TasksChanged): CounterTouch => touchOfRegions(event.regionCodes, [])

/** Alerts raised, updated or resolved: nothing but their regions. */
export const touchOfAlerts = (event: AlertsChanged): CounterTouch => touchOfRegions([], event.regionCodes)

/** Whether the commit moved anything a reader sees. */
export const touchedAnything = (touch: CounterTouch): boolean => touch.days.size > 0 || touch.ticker.size > 0 || touch.campaignDefinitions || touch.tasks.size > 0 || touch.alerts.size > 0
