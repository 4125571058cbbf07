// The running 春雷行动: one a year from early March to the end of December, with
// per-city targets for inspections and cases. A few cities lag on purpose, so the
// wall has something to rank and flag.
import type { CampaignRecord } from '../../shared/records'
import { RATES } from './calibration'
import { startOfChinaDay, workingDaysBetween } from './china-time'
import { Random } from './random'
import type { DemoRegions } from './region-weights'

export interface CampaignPlan {
  id: string
  startsOn: string
  endsOn: string
}

/** share of cases opened during the campaign that count towards it */
export const CAMPAIGN_CASE_SHARE = 0.3
/** a lagging city does this share of an on-track city's campaign work */
export const LAGGING_ACTIVITY = 0.5
const LAGGING_CITIES = 3
const DOMAINS: CampaignRecord['domains'] = ['food', 'drug', 'industrial_product', 'advertising', 'price']

export function campaignId(year: number): string {
  return `CLXD-${year}`
}

/**
 * The campaign of `year`. A campaign already under way before the generated history
 * begins would show every city far behind schedule, so it starts with the history instead;
 * none starts with less than a month to run.
 */
export function planCampaign(year: number, historyStartsOn: string): CampaignPlan | undefined {
  const startsOn = [`${year}-03-01`, historyStartsOn].sort()[1]!
  const endsOn = `${year}-12-31`
  if (startsOn > `${year}-11-30`) return undefined
  return { id: campaignId(year), startsOn, endsOn }
}

export class Campaign {
  readonly plan: CampaignPlan
  readonly startsAt: number
  readonly endsAt: number
  readonly #lagging: ReadonlySet<string>
  readonly #regions: DemoRegions

  constructor(plan: CampaignPlan, regions: DemoRegions) {
    this.plan = plan
    this.#regions = regions
    this.startsAt = startOfChinaDay(plan.startsOn)
    this.endsAt = startOfChinaDay(plan.endsOn) + 24 * 3_600_000
    // Chosen from the campaign's id, not the run's seed: a restarted server lags the same cities.
    const random = new Random([...plan.id].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, 7))
    const candidates = regions.cities.filter((city) => !city.code.endsWith('0100')).map((city) => city.code)
    const lagging = new Set<string>()
    while (lagging.size < Math.min(LAGGING_CITIES, candidates.length)) lagging.add(random.pick(candidates))
    this.#lagging = lagging
  }

  runsAt(at: number): boolean {
    return at >= this.startsAt && at < this.endsAt
  }

  isLagging(cityCode: string | null): boolean {
    return cityCode !== null && this.#lagging.has(cityCode)
  }

  record(provinceCode: string): CampaignRecord {
    const workingDays = workingDaysBetween(this.plan.startsOn, this.plan.endsOn)
    // Targets are what an on-track city does in the whole campaign, rounded to tens.
    const round = (value: number) => Math.max(10, Math.round(value / 10) * 10)
    const targets = this.#regions.cities.map((city) => {
      const share = this.#regions.cityEntityShare.get(city.code) ?? 0
      return {
        regionCode: city.code,
        inspections: round(RATES.campaign.perWorkingDay * workingDays * share),
        cases: round(RATES.case.perWorkingDay * CAMPAIGN_CASE_SHARE * workingDays * share),
      }
    })
    const year = this.plan.endsOn.slice(0, 4)
    return { type: 'campaign', id: this.plan.id, regionCode: provinceCode, name: `${year}年春雷行动`, nameEn: `${year} Spring Thunder Campaign`, startsOn: this.plan.startsOn, endsOn: this.plan.endsOn, domains: DOMAINS, targets }
  }

  get domains(): CampaignRecord['domains'] {
    return DOMAINS
  }
}
