// The metric catalogue (docs/domain.md, "Metric catalogue") as data both sides read, and the
// HTTP contracts of the metrics and campaign routes. Counters are stored; every value
// here is computed at read time from them.
import Type, { type Static } from 'typebox'
import { Region, RegionCode } from './api'
import { DATE_PATTERN } from './records'

export const METRIC_KEYS = [
  'random_inspection_ratio',
  'joint_inspection_share',
  'inspection_problem_rate',
  'food_tests_per_thousand',
  'food_pass_rate',
  'special_equipment_registration',
  'special_equipment_inspected_on_time',
  'serious_hazard_fixed',
  'complaints_received',
  'complaint_acceptance_on_time',
  'complaint_closed_on_time',
  'report_checked_on_time',
  'mediation_success_rate',
  'complaint_to_case_rate',
  'recovered_loss',
  'overdue_open',
  'cases_opened',
  'fines_confiscations',
  'case_decided_on_time',
  'campaign_progress',
  'campaign_schedule',
  'tasks_overdue',
] as const
export type MetricKey = (typeof METRIC_KEYS)[number]

export type MetricUnit = '%' | 'items' | 'yuan' | 'batches'

/** Counter names (server/metrics/counter-keys.ts) added up, minus those subtracted. */
export interface CounterSum {
  add: readonly string[]
  subtract?: readonly string[]
}

export type MetricComputation =
  /** sum(numerator) ÷ sum(denominator) × scale; null when the denominator is 0 */
  | { kind: 'ratio'; numerator: CounterSum; denominator: CounterSum; scale: number }
  /** sum(numerator) ÷ a reference figure of the region (current figures, also for last year) */
  | { kind: 'reference_ratio'; numerator: CounterSum; reference: 'market_entities' | 'population_thousands'; scale: number }
  /** sum(counters) ÷ divisor (fen → yuan is 100) */
  | { kind: 'sum'; counters: CounterSum; divisor: number }
  /** a count of open items at this instant, not of a period */
  | { kind: 'state'; source: 'overdue_deadlines' | 'overdue_tasks' }
  /** needs a campaign: the period `campaign:<id>` */
  | { kind: 'campaign'; measure: 'progress' | 'schedule' }

export interface MetricDefinition {
  key: MetricKey
  zh: string
  en: string
  unit: MetricUnit
  /** which way is better, for rankings; null: neither (ranked largest first) */
  better: 'higher' | 'lower' | null
  /** Sichuan 14th Five-Year plan value unless the note says otherwise */
  target: { value: number; note?: string } | null
  computation: MetricComputation
  /** 'tracked': computed from stored data; 'campaign_period': only for a campaign period */
  availability: 'tracked' | 'campaign_period'
  note?: string
}

const sum = (...add: string[]): CounterSum => ({ add })
const percent = (numerator: CounterSum, denominator: CounterSum): MetricComputation => ({ kind: 'ratio', numerator, denominator, scale: 100 })
const clockRate = (clock: string) => percent(sum(`clock.${clock}.on_time`), sum(`clock.${clock}.due`))

type Entry = Omit<MetricDefinition, 'key' | 'availability'> & { availability?: MetricDefinition['availability'] }

const CATALOGUE: Record<MetricKey, Entry> = {
  random_inspection_ratio: {
    zh: '双随机抽查比例', en: 'Random inspection ratio', unit: '%', better: 'higher',
    target: { value: 5, note: 'per year' },
    computation: { kind: 'reference_ratio', numerator: sum('inspections.kind.random', 'inspections.kind.joint'), reference: 'market_entities', scale: 100 },
    note: 'random inspections in the period, a single department’s and joint cross-department ones (both 双随机), ÷ registered market entities; the target is for a whole year',
  },
  joint_inspection_share: {
    zh: '部门联合抽查占比', en: 'Joint inspection share', unit: '%', better: 'higher',
    target: { value: 40, note: 'a city target' },
    computation: percent(sum('inspections.kind.joint'), sum('inspections.kind.random')),
    note: 'joint cross-department random inspections ÷ single-department random inspections, both on the day inspected; kinds are exclusive, so it can pass 100%',
  },
  inspection_problem_rate: {
    zh: '检查问题发现率', en: 'Problem detection rate', unit: '%', better: null, target: null,
    computation: percent(sum('inspections.problems'), sum('inspections')),
    note: 'inspections that found problems ÷ all inspections, both on the day inspected; an inspection has its result when recorded',
  },
  food_tests_per_thousand: {
    zh: '千人食品检验量', en: 'Food tests per 1,000 people', unit: 'batches', better: 'higher',
    target: { value: 4, note: 'per year' },
    computation: { kind: 'reference_ratio', numerator: sum('food.batches'), reference: 'population_thousands', scale: 1 },
    note: 'sampling batches in the period ÷ (population ÷ 1000); the target is for a whole year',
  },
  food_pass_rate: {
    zh: '食品评价性抽检合格率', en: 'Food sampling pass rate', unit: '%', better: 'higher', target: { value: 98 },
    computation: percent({ add: ['food.batches'], subtract: ['food.failed'] }, sum('food.batches')),
    note: 'batches that passed ÷ batches tested, both on the day sampled; a sampling record carries its results',
  },
  special_equipment_registration: {
    zh: '特种设备使用登记率', en: 'Special equipment registration rate', unit: '%', better: 'higher', target: { value: 100 },
    computation: percent(sum('special_equipment.registered'), sum('special_equipment.inspected')),
    note: 'pieces of equipment found registered ÷ pieces inspected in use, both on the day inspected',
  },
  special_equipment_inspected_on_time: {
    zh: '法定检验率', en: 'Statutory inspection rate', unit: '%', better: 'higher', target: { value: 100 },
    computation: percent(sum('special_equipment.statutory_on_time'), sum('special_equipment.statutory_due')),
    note: 'inspections finding the statutory inspection done on time ÷ inspections that checked it, both on the day inspected',
  },
  serious_hazard_fixed: {
    zh: '严重事故隐患整治率', en: 'Serious hazards rectified', unit: '%', better: 'higher', target: { value: 100 },
    computation: percent(sum('hazards.fixed'), sum('hazards.found')),
    note: 'serious hazards found that are fixed ÷ serious hazards found, both on the day found; a hazard not yet fixed stays in the denominator on purpose: an open hazard is the failure this rate shows, and no deadline says when fixing falls due',
  },
  complaints_received: {
    zh: '投诉举报受理量', en: 'Complaints and reports received', unit: 'items', better: null, target: null,
    computation: { kind: 'sum', counters: sum('intake.received'), divisor: 1 },
    note: 'broken down by type, channel and category in the summary',
  },
  complaint_acceptance_on_time: {
    zh: '投诉按时受理率', en: 'Complaints accepted on time', unit: '%', better: 'higher', target: { value: 100 },
    computation: clockRate('complaint_acceptance'),
    note: 'complaints decided (accepted or refused) within 7 working days ÷ decisions due; a decision is due once taken (on its day) or once its deadline has passed (on the due day), so complaints still within their 7 days are in neither',
  },
  complaint_closed_on_time: {
    zh: '消费投诉按期办结率', en: 'Complaints closed on time', unit: '%', better: 'higher', target: { value: 98 },
    computation: clockRate('complaint_closure'),
    note: 'complaints closed within 45 working days of acceptance ÷ closures due; due once closed (on its day) or once the deadline has passed (on the due day), so complaints still within their time limit are in neither',
  },
  report_checked_on_time: {
    zh: '举报按期核查率', en: 'Reports verified on time', unit: '%', better: 'higher', target: { value: 98 },
    computation: clockRate('report_check'),
    note: 'reports checked within 15 working days (30 if extended) ÷ checks due; due once checked (on its day) or once the deadline has passed (on the due day), so reports still within their time limit are in neither',
  },
  mediation_success_rate: {
    zh: '调解成功率', en: 'Mediation success rate', unit: '%', better: 'higher', target: null,
    computation: percent(sum('complaints.mediation.succeeded'), sum('complaints.mediation.succeeded', 'complaints.mediation.failed')),
    note:
      'mediations that reached agreement ÷ mediations concluded (agreed or ended without agreement), both on the day the mediation concluded; ' +
      'mediations still running are in neither. Counted on the concluding day, not as a cohort of the acceptance day: ' +
      'a period then shows the mediations it decided, and its figure is final once the period is over',
  },
  complaint_to_case_rate: {
    zh: '诉转案率', en: 'Complaint-to-case rate', unit: '%', better: null, target: null,
    computation: percent(sum('cases.from_complaint'), sum('complaints.accepted')),
    note:
      'cases opened from complaints ÷ complaints accepted, each on its own day (opened, accepted): two flows of the period, not a cohort, ' +
      'so complaints still being handled are not waiting in the denominator for an outcome that would count in the numerator',
  },
  recovered_loss: {
    zh: '挽回经济损失', en: 'Recovered losses', unit: 'yuan', better: 'higher', target: null,
    computation: { kind: 'sum', counters: sum('complaints.recovered_fen'), divisor: 100 },
  },
  overdue_open: {
    zh: '超期未办结', en: 'Overdue, not closed', unit: 'items', better: 'lower', target: { value: 0 },
    computation: { kind: 'state', source: 'overdue_deadlines' },
    note: 'now, whatever the period; by clock in the summary',
  },
  cases_opened: {
    zh: '立案数', en: 'Cases opened', unit: 'items', better: 'higher', target: null,
    computation: { kind: 'sum', counters: sum('cases.opened'), divisor: 1 },
    note: 'targets are per campaign (see campaign progress)',
  },
  fines_confiscations: {
    zh: '罚没金额', en: 'Fines and confiscations', unit: 'yuan', better: null, target: null,
    computation: { kind: 'sum', counters: sum('cases.fines_fen'), divisor: 100 },
  },
  case_decided_on_time: {
    zh: '案件按期办结率', en: 'Cases closed on time', unit: '%', better: 'higher', target: { value: 100 },
    computation: clockRate('case_decision'),
    note: 'cases decided within 90 days (120 if extended) ÷ decisions due; due once decided (on its day) or once the deadline has passed (on the due day), so cases still within their time limit are in neither',
  },
  campaign_progress: {
    zh: '行动进度', en: 'Campaign progress', unit: '%', better: 'higher', target: null, availability: 'campaign_period',
    computation: { kind: 'campaign', measure: 'progress' },
    note: 'the lowest of actual ÷ target over the target kinds; should be at least the schedule',
  },
  campaign_schedule: {
    zh: '时间进度', en: 'Campaign time elapsed', unit: '%', better: null, target: null, availability: 'campaign_period',
    computation: { kind: 'campaign', measure: 'schedule' },
    note: 'elapsed campaign days (through today) ÷ campaign days',
  },
  tasks_overdue: {
    zh: '督办超期', en: 'Follow-up tasks overdue', unit: 'items', better: 'lower', target: { value: 0 },
    computation: { kind: 'state', source: 'overdue_tasks' },
    note: 'open follow-up tasks of the subtree past their deadline now (the acknowledge deadline while unacknowledged); they escalate to the parent region',
  },
}

export const METRICS: readonly MetricDefinition[] = METRIC_KEYS.map((key) => ({ key, availability: 'tracked', ...CATALOGUE[key] }))
export const METRIC_BY_KEY: ReadonlyMap<MetricKey, MetricDefinition> = new Map(METRICS.map((metric) => [metric.key, metric]))

export function metricDefinition(key: MetricKey): MetricDefinition {
  const definition = METRIC_BY_KEY.get(key)
  if (definition === undefined) throw new Error(`unknown metric ${key}`)
  return definition
}

/** Whether the metric adds up over days (so has a daily trend and a year-earlier figure), rather than being a state of now or a campaign figure. */
export const hasDailySeries = (definition: MetricDefinition): boolean => ['ratio', 'reference_ratio', 'sum'].includes(definition.computation.kind)

/** A rate whose denominator counts fewer items than this says too little to be shown as a confident percentage. */
export const FEW_ITEMS_FOR_A_RATE = 30

/** Whether a rate rests on too few items (its denominator below FEW_ITEMS_FOR_A_RATE): shown with its counts, marked, and not judged against a target. */
export function hasTooFewItems(definition: MetricDefinition, figures: Pick<MetricValue, 'denominator'>): boolean {
  return definition.computation.kind === 'ratio' && figures.denominator !== null && figures.denominator < FEW_ITEMS_FOR_A_RATE
}

/** Campaign progress below the schedule by more than this many percentage points is lagging. */
export const LAGGING_MARGIN_POINTS = 10

// ── HTTP contracts ────────────────────────────────────────────────────────────

const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const LocalDate = Type.String({ pattern: DATE_PATTERN })

export const MetricKeySchema = Type.Enum([...METRIC_KEYS])
/** The period of a request that names none. */
export const DEFAULT_PERIOD = 'ytd'
export const PeriodQuery = Type.String({
  maxLength: 80,
  default: DEFAULT_PERIOD,
  description: 'today | 7d | 30d | ytd | campaign:<id> | YYYY-MM-DD..YYYY-MM-DD (inclusive local days of 2000–2099, at most 3 years, starting by today)',
})

export const DateRange = Type.Object({ from: LocalDate, to: LocalDate })
export type DateRange = Static<typeof DateRange>

/** numerator and denominator in display units (yuan, not fen); value null when undefined (denominator 0) */
export const MetricValue = Type.Object({
  value: NullableNumber,
  numerator: NullableNumber,
  denominator: NullableNumber,
})
export type MetricValue = Static<typeof MetricValue>

export const SummaryMetric = Type.Object({
  key: MetricKeySchema,
  ...MetricValue.properties,
  unit: Type.String(),
  target: NullableNumber,
  /** the same days a year earlier; null when there is no data then, or the metric is a state of now */
  previous: Type.Union([MetricValue, Type.Null()]),
})
export type SummaryMetric = Static<typeof SummaryMetric>

const Counts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }))

export const RegionSummary = Type.Object({
  region: Region,
  period: DateRange,
  previousPeriod: DateRange,
  metrics: Type.Array(SummaryMetric),
  breakdowns: Type.Object({
    intakeByType: Counts,
    intakeByChannel: Counts,
    intakeByCategory: Counts,
    /** open items past their deadline now, by statutory clock */
    overdueByClock: Counts,
  }),
})
export type RegionSummary = Static<typeof RegionSummary>

export const BreakdownEntry = Type.Object({
  rank: Type.Integer({ minimum: 1 }),
  code: RegionCode,
  name: Type.String(),
  ...MetricValue.properties,
})
export type BreakdownEntry = Static<typeof BreakdownEntry>

export const RegionBreakdown = Type.Object({
  region: Region,
  metric: MetricKeySchema,
  period: DateRange,
  /** how `rank` counts: best_first by the metric's better direction; largest_first: the metric has none */
  order: Type.Union([Type.Literal('best_first'), Type.Literal('largest_first')]),
  total: MetricValue,
  /** every child region in the region tree's order, each with its rank (ties share one, no value ranks last) */
  children: Type.Array(BreakdownEntry),
})
export type RegionBreakdown = Static<typeof RegionBreakdown>

export const TrendPoint = Type.Object({
  day: LocalDate,
  value: NullableNumber,
  numerator: NullableNumber,
  denominator: NullableNumber,
})
export const RegionTrend = Type.Object({
  region: Region,
  metric: MetricKeySchema,
  points: Type.Array(TrendPoint),
})
export type RegionTrend = Static<typeof RegionTrend>

export const CampaignStatus = Type.Union([Type.Literal('upcoming'), Type.Literal('running'), Type.Literal('finished')])
export const Campaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** null when the campaign record gave no English name */
  nameEn: Type.Union([Type.String(), Type.Null()]),
  regionCode: RegionCode,
  startsOn: LocalDate,
  endsOn: LocalDate,
  domains: Type.Array(Type.String()),
  status: CampaignStatus,
})
export type Campaign = Static<typeof Campaign>
export const CampaignList = Type.Object({ campaigns: Type.Array(Campaign) })
export type CampaignList = Static<typeof CampaignList>

const PerKind = Type.Object({ inspections: NullableNumber, cases: NullableNumber })

export const CampaignRegionProgress = Type.Object({
  code: RegionCode,
  name: Type.String(),
  /** null where no target is set */
  targets: PerKind,
  actuals: Type.Object({ inspections: Type.Integer(), cases: Type.Integer(), finesYuan: Type.Number() }),
  /** actual ÷ target × 100 per kind; `overall` is the lowest of them */
  progress: Type.Object({ inspections: NullableNumber, cases: NullableNumber, overall: NullableNumber }),
  /** some kind's progress is more than LAGGING_MARGIN_POINTS below the schedule */
  lagging: Type.Boolean(),
})
export type CampaignRegionProgress = Static<typeof CampaignRegionProgress>

export const CampaignProgress = Type.Object({
  campaign: Campaign,
  region: Region,
  schedule: Type.Object({ elapsedDays: Type.Integer(), totalDays: Type.Integer(), percent: Type.Number() }),
  laggingMarginPoints: Type.Number(),
  totals: CampaignRegionProgress,
  /** children of `region`, best overall progress first, those without targets last */
  children: Type.Array(CampaignRegionProgress),
})
export type CampaignProgress = Static<typeof CampaignProgress>
