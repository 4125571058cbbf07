// Deterministic demo records for a province: the same seed and the same windows give
// the same records. Volumes, mixes and rhythm follow the Sichuan calibration of docs/domain.md.
import type { Region } from '../../shared/api'
import type { CaseRecord, ComplaintRecord, IngestRecord, ReportRecord } from '../../shared/records'
import type { RegionTree } from '../regions/region-tree'
import { CASES_FROM_COMPLAINTS, CASE_DOMAIN_MIX, CHANNEL_MIX, CHENGDU_AREA, COMPLAINT_MIX, RATES, REPORT_MIX, RHYTHM, type StreamName, TAG_SHARES } from './calibration'
import { CAMPAIGN_CASE_SHARE, Campaign, type CampaignPlan, LAGGING_ACTIVITY, planCampaign } from './campaign'
import { DAY_MS, HOUR_MS, chinaDate, chinaHour, formatChinaTime, isWorkingDay } from './china-time'
import { makeEntity } from './entities'
import { foodSamplingStep, inspectionStep } from './inspections'
import { LONGEST_CASE_DAYS, type Step, caseDomain, caseSteps, complaintSteps, openCaseSteps, recordId, reportSteps } from './lifecycles'
import { PendingRecords, type TimedRecord } from './pending-records'
import { Random } from './random'
import { type DemoRegions, demoRegions } from './region-weights'

export interface GeneratorOptions {
  regions: RegionTree
  seed: number
  /** campaigns already stored: a restarted server continues them instead of planning new ones */
  knownCampaigns?: readonly CampaignPlan[]
  /**
   * Cases undecided when the first window begins. 'lead-in', for a new history: those a source
   * system would then have open, opened in the months before and decided within the history,
   * and likewise the complaints and reports then in progress. Stored cases still 'opened', for
   * a restart: they go on to their decisions. Without either, the first months have almost no
   * decisions, hence no fines and confiscations, and no mediation that failed.
   */
  openCases?: 'lead-in' | readonly CaseRecord[]
  /** where a lead-in begins at the earliest: an earlier span of the history already holds what was open then */
  leadInNotBefore?: number
  /**
   * For a history: an item's steps before this time come out with the item, so whatever part of
   * a history is stored holds each item as it stands then. Posted step by step instead, a
   * history being filled holds half-told items, and a complaint whose closing step is still to
   * come counts as overdue against today: 4.7万 超期未办结 on a wall mid-way through.
   */
  wholeUntil?: number
}

/** the longest a complaint or report stays in progress: a mediation ended late, then 诉转案, moved on past holidays */
const LONGEST_INTAKE_DAYS = 120

const share = (weights: readonly number[]) => {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  return weights.map((weight) => weight / total)
}
const HOURLY = { intake: share(RHYTHM.intake), intakeRestDay: share(RHYTHM.intakeRestDay), office: share(RHYTHM.office) }
const STREAMS = Object.keys(RATES) as StreamName[]

export class DemoGenerator {
  readonly #random: Random
  readonly #tree: RegionTree
  readonly #regions: DemoRegions
  readonly #pending = new PendingRecords()
  readonly #known: ReadonlyMap<string, CampaignPlan>
  #openCases: GeneratorOptions['openCases']
  readonly #leadInNotBefore: number
  readonly #wholeUntil: number
  /** steps released with their item (see `GeneratorOptions.wholeUntil`), out with the current window */
  #releasedEarly: TimedRecord[] = []
  /** by year; null when that year has no campaign in the generated span */
  readonly #campaigns = new Map<number, Campaign | null>()
  readonly #mediationSuccess = new Map<string, number>()
  #seq = 0
  #historyStartsOn: string | undefined
  #generatedUntil = -Infinity

  constructor(options: GeneratorOptions) {
    this.#random = new Random(options.seed)
    this.#tree = options.regions
    this.#regions = demoRegions(options.regions)
    this.#known = new Map((options.knownCampaigns ?? []).map((plan) => [plan.id, plan]))
    this.#openCases = options.openCases
    this.#leadInNotBefore = options.leadInNotBefore ?? -Infinity
    this.#wholeUntil = options.wholeUntil ?? -Infinity
    // Mediation success differs by area (docs/domain.md: 30–66%).
    for (const city of this.#regions.cities) this.#mediationSuccess.set(city.code, 0.3 + 0.36 * this.#random.float())
  }

  /**
   * The records that become known in [from, to), earliest first: new items at `speed`
   * times the calibrated volume, and the due steps of items received earlier. Then, for a
   * history, the steps of its new items that `wholeUntil` brings forward, each item's in order.
   */
  generate(from: number, to: number, speed = 1): IngestRecord[] {
    if (from < this.#generatedUntil) throw new Error('windows must not overlap or go back in time')
    this.#generatedUntil = to
    this.#historyStartsOn ??= chinaDate(from)
    this.#takeOpenCases(from, speed)
    for (let start = from; start < to; ) {
      const end = Math.min(to, (Math.floor(start / HOUR_MS) + 1) * HOUR_MS) // China's offset is whole hours
      this.#generateHour(start, end, speed)
      start = end
    }
    const released = [...this.#pending.takeBefore(to), ...this.#releasedEarly]
    this.#releasedEarly = []
    return released.map((item) => item.record)
  }

  #generateHour(start: number, end: number, speed: number): void {
    const campaign = this.#campaignAt(start)
    for (const stream of STREAMS) {
      if (stream === 'campaign' && campaign === undefined) continue
      for (const at of this.#arrivals(stream, start, end, speed)) this.#schedule(this.#create(stream, at, campaign))
    }
  }

  /** when the new items of `stream` arrive in [start, end), within one local hour */
  #arrivals(stream: StreamName, start: number, end: number, speed: number): number[] {
    const rate = RATES[stream]
    const working = isWorkingDay(start)
    const hourly = rate.rhythm === 'office' ? HOURLY.office : working ? HOURLY.intake : HOURLY.intakeRestDay
    const mean = rate.perWorkingDay * (working ? 1 : rate.restDayFactor) * (hourly[chinaHour(start)] ?? 0) * ((end - start) / HOUR_MS) * speed
    return Array.from({ length: this.#random.poisson(mean) }, () => start + Math.floor(this.#random.float() * (end - start)))
  }

  #schedule(steps: readonly Step[]): void {
    for (const step of steps) {
      const timed = { ...step, seq: this.#seq++ }
      if (step.at < this.#wholeUntil) this.#releasedEarly.push(timed)
      else this.#pending.push(timed)
    }
  }

  /** once, before the first window: the cases undecided at its start (see `GeneratorOptions.openCases`) */
  #takeOpenCases(from: number, speed: number): void {
    const open = this.#openCases
    this.#openCases = undefined
    if (open === undefined) return
    if (open !== 'lead-in') {
      for (const record of open) this.#schedule(openCaseSteps(this.#random, record, from))
      return
    }
    // Cases begun by complaints open as direct ones here: their complaints lie before the history.
    const leadInSpeed = speed * (1 + CASES_FROM_COMPLAINTS.perWorkingDay / RATES.case.perWorkingDay)
    this.#leadIn(from, LONGEST_CASE_DAYS, (start, end) => {
      const campaign = this.#campaignAt(start) // only a stored campaign can have begun before the history
      return this.#arrivals('case', start, end, leadInSpeed).map((at) => this.#case(at, campaign))
    })
    this.#leadIn(from, LONGEST_INTAKE_DAYS, (start, end) =>
      (['complaint', 'report'] as const).flatMap((stream) => this.#arrivals(stream, start, end, speed).map((at) => this.#intake(stream, at))),
    )
  }

  /**
   * Hour by hour over the `days` before `from` (not before leadInNotBefore), the items begun then:
   * their steps within the history are scheduled, the earlier ones a source system has as done.
   * A case decided before the history is left out whole: its money was counted then.
   */
  #leadIn(from: number, days: number, itemsBegun: (start: number, end: number) => Step[][]): void {
    for (let start = Math.max(from - days * DAY_MS, this.#leadInNotBefore); start < from; ) {
      const end = Math.min(from, (Math.floor(start / HOUR_MS) + 1) * HOUR_MS) // within one local hour
      for (const steps of itemsBegun(start, end)) {
        const settled = new Set(steps.filter((step) => step.at < from && step.record.type === 'case' && step.record.status === 'decided').map((step) => step.record.id))
        this.#schedule(steps.filter((step) => step.at >= from && !settled.has(step.record.id)))
      }
      start = end
    }
  }

  #create(stream: StreamName, at: number, campaign: Campaign | undefined): Step[] {
    const random = this.#random
    switch (stream) {
      case 'complaint':
      case 'report':
        return this.#intake(stream, at)
      case 'food_sampling':
        return [foodSamplingStep(random, this.#regions.byEntities.draw(random), at)]
      case 'case':
        return this.#case(at, campaign)
      case 'campaign': {
        const county = this.#regions.byEntities.draw(random)
        if (campaign === undefined || (campaign.isLagging(county.parentCode) && !random.chance(LAGGING_ACTIVITY))) return []
        return [inspectionStep(random, 'campaign', county, at, { id: campaign.plan.id, domains: campaign.domains })]
      }
      default:
        return [inspectionStep(random, stream, this.#regions.byEntities.draw(random), at)]
    }
  }

  #intake(type: 'complaint' | 'report', at: number): Step[] {
    const random = this.#random
    const county = this.#regions.byPopulation.draw(random)
    const shared = {
      id: recordId(type === 'complaint' ? 'TS' : 'JB', at, random),
      regionCode: county.code,
      receivedAt: formatChinaTime(at),
      channel: random.weighted(CHANNEL_MIX),
      category: random.weighted(type === 'complaint' ? COMPLAINT_MIX : REPORT_MIX),
    }
    const entity = random.chance(type === 'complaint' ? 0.85 : 0.9) ? { entity: makeEntity(random, county) } : {}
    if (type === 'report') return reportSteps(random, { type, ...shared, ...entity } satisfies Omit<ReportRecord, 'status' | 'statusAt'>, at)
    const tags = Object.entries(TAG_SHARES)
      .filter(([, tagShare]) => random.chance(tagShare))
      .map(([tag]) => tag)
    const base = { type, ...shared, ...(tags.length > 0 ? { tags } : {}), ...entity } satisfies Omit<ComplaintRecord, 'status' | 'statusAt'>
    const city = county.parentCode ?? ''
    return complaintSteps(random, base, at, { mediationSuccess: this.#mediationSuccess.get(city) ?? 0.48, chengduArea: CHENGDU_AREA.has(city) })
  }

  #case(at: number, campaign: Campaign | undefined): Step[] {
    const random = this.#random
    const county: Region = this.#regions.byEntities.draw(random)
    const domain = caseDomain(random)
    const base = { type: 'case' as const, id: recordId('AJ', at, random), regionCode: county.code, openedAt: formatChinaTime(at), domain, ...(random.chance(0.01) ? { major: true } : {}) }
    if (campaign !== undefined && campaign.domains.includes(domain)) {
      // Only cases in the campaign's domains count towards it; scale so CAMPAIGN_CASE_SHARE of all cases do.
      const campaignShare = campaign.domains.reduce((sum, name) => sum + CASE_DOMAIN_MIX[name], 0) / 100
      const chance = (CAMPAIGN_CASE_SHARE / campaignShare) * (campaign.isLagging(county.parentCode) ? LAGGING_ACTIVITY : 1)
      if (random.chance(chance)) return caseSteps(random, { ...base, campaignId: campaign.plan.id }, at)
    }
    return caseSteps(random, base, at)
  }

  /** the campaign running at `at`, announcing it (once) the first time it is met */
  #campaignAt(at: number): Campaign | undefined {
    const year = Number(chinaDate(at).slice(0, 4))
    let campaign = this.#campaigns.get(year)
    if (campaign === undefined) {
      const known = [...this.#known.values()].find((plan) => plan.endsOn.startsWith(`${year}-`))
      const plan = known ?? planCampaign(year, this.#historyStartsOn ?? chinaDate(at))
      campaign = plan === undefined ? null : new Campaign(plan, this.#regions)
      this.#campaigns.set(year, campaign)
      if (campaign !== null && known === undefined && campaign.endsAt > at) {
        this.#pending.push({ at: Math.max(at, campaign.startsAt), seq: this.#seq++, record: campaign.record(this.#tree.province.code) })
      }
    }
    return campaign !== null && campaign.runsAt(at) ? campaign : undefined
  }
}
