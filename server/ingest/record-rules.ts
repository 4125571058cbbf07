// Rules a schema cannot express, checked on a schema-valid record. Pure: they need
// only the region tree and the clock, so every record can be judged before any
// database work. Checks against stored data (lifecycle from the stored status,
// campaigns that exist) belong to the ingest service.
import type { CampaignRecord, IngestRecord, InspectionRecord } from '../../shared/records'
import { usccProblem } from '../../shared/uscc'
import type { RegionTree } from '../regions/region-tree'
import { isLocalDate } from '../../shared/period'
import { parseOffsetTime } from './record-time'

export interface FieldProblem {
  field: string
  message: string
}

export interface RuleContext {
  regions: RegionTree
  now: Date
}

/** Source systems' clocks drift; more than this ahead is a wrong time, not drift. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000

export function checkRecord(record: IngestRecord, context: RuleContext): FieldProblem[] {
  // Methods, not closures made per record: the hot path allocates less.
  const problems = new Problems(context.now)
  if (record.type !== 'campaign') checkCountyRegion(record.regionCode, context.regions, problems)
  switch (record.type) {
    case 'inspection': {
      const occurredAt = problems.time('occurredAt', record.occurredAt)
      if (record.hazardFixedAt !== undefined) problems.notBefore('hazardFixedAt', problems.time('hazardFixedAt', record.hazardFixedAt), 'occurredAt', occurredAt)
      checkInspectionFindings(record, problems)
      checkUscc('entity.uscc', record.entity.uscc, problems)
      break
    }
    case 'food_sampling':
      problems.time('occurredAt', record.occurredAt)
      checkNonNegative({ batches: record.batches, failed: record.failed }, problems)
      if (record.failed > record.batches) problems.add('failed', `${record.failed} failed batches are more than the ${record.batches} batches tested`)
      break
    case 'complaint':
    case 'report':
      problems.notBefore('statusAt', problems.time('statusAt', record.statusAt), 'receivedAt', problems.time('receivedAt', record.receivedAt))
      if (record.type === 'complaint') checkYuan({ recoveredYuan: record.recoveredYuan }, problems)
      if (record.entity !== undefined) checkUscc('entity.uscc', record.entity.uscc, problems)
      break
    case 'case':
      problems.notBefore('statusAt', problems.time('statusAt', record.statusAt), 'openedAt', problems.time('openedAt', record.openedAt))
      checkYuan({ fineYuan: record.fineYuan, confiscatedYuan: record.confiscatedYuan }, problems)
      break
    case 'campaign':
      checkCampaign(record, context.regions, problems)
      break
  }
  return problems.list
}

class Problems {
  readonly list: FieldProblem[] = []

  constructor(private readonly now: Date) {}

  add(field: string, message: string): void {
    this.list.push({ field, message })
  }

  /** The time in ms, or null (reported) when it is not a real time; reported too when too far ahead. */
  time(field: string, value: string): number | null {
    const at = parseOffsetTime(value)
    if (at === null) {
      this.add(field, `${value} is not a real time: check the month, day, hour and offset`)
      return null
    }
    const ahead = at - this.now.getTime()
    if (ahead > FUTURE_TOLERANCE_MS) this.add(field, `is ${describeAhead(ahead)} in the future; times may be at most 5 minutes ahead of the server clock`)
    return at
  }

  notBefore(later: string, laterAt: number | null, earlier: string, earlierAt: number | null): void {
    if (laterAt !== null && earlierAt !== null && laterAt < earlierAt) this.add(later, `must not be before ${earlier}`)
  }
}

function describeAhead(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 120) return `${minutes} minutes`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`
}

function checkUscc(field: string, code: string, problems: Problems): void {
  const problem = usccProblem(code)
  if (problem !== null) problems.add(field, problem)
}

function checkNonNegative(values: Record<string, number | undefined>, problems: Problems): void {
  for (const [field, value] of Object.entries(values)) if (value !== undefined && value < 0) problems.add(field, 'must not be negative')
}

/** Yuan amounts are whole fen: at most two decimals. */
function checkYuan(values: Record<string, number | undefined>, problems: Problems): void {
  checkNonNegative(values, problems)
  for (const [field, value] of Object.entries(values)) {
    if (value !== undefined && Math.abs(value * 100 - Math.round(value * 100)) > 1e-6 * Math.max(1, Math.abs(value))) {
      problems.add(field, 'must have at most two decimals (yuan and fen)')
    }
  }
}

function checkInspectionFindings(record: InspectionRecord, problems: Problems): void {
  checkNonNegative({ problemCount: record.problemCount }, problems)
  if (record.result === 'problems' && (record.problemCount ?? 0) < 1) {
    problems.add('problemCount', 'must be at least 1 when result is problems')
  }
  if (record.kind === 'joint' && new Set(record.departments ?? []).size < 2) {
    problems.add('departments', 'a joint inspection (部门联合抽查) names at least 2 different departments')
  }
}

/** Records belong to a county-level unit; stations (the optional fourth level) are not configured yet. */
function checkCountyRegion(code: string, regions: RegionTree, problems: Problems): void {
  const region = knownProvinceRegion('regionCode', code, regions, problems)
  if (region !== undefined && region.level !== 'county') {
    problems.add('regionCode', `${code} ${region.name} is a ${region.level}; records belong to a county-level region (区/县/县级市)`)
  }
}

function knownProvinceRegion(field: string, code: string, regions: RegionTree, problems: Problems) {
  const { province } = regions
  if (code.slice(0, 2) !== province.code.slice(0, 2)) {
    problems.add(field, `${code} is not in ${province.name} (${province.code}), the province this command centre serves`)
    return undefined
  }
  const region = regions.get(code)
  if (region === undefined) {
    problems.add(field, `${code} is not a known region of ${province.name}: it may be a retired code, a 市辖区 or development-zone code, or a station (none are configured)`)
  }
  return region
}

function checkCampaign(record: CampaignRecord, regions: RegionTree, problems: Problems): void {
  const startsOk = isLocalDate(record.startsOn)
  const endsOk = isLocalDate(record.endsOn)
  if (!startsOk) problems.add('startsOn', `${record.startsOn} is not a calendar day`)
  if (!endsOk) problems.add('endsOn', `${record.endsOn} is not a calendar day`)
  if (startsOk && endsOk && record.endsOn < record.startsOn) problems.add('endsOn', `must not be before startsOn (${record.startsOn})`)

  const campaignRegion = knownProvinceRegion('regionCode', record.regionCode, regions, problems)
  const seen = new Map<string, number>()
  record.targets.forEach((target, index) => {
    const field = `targets.${index}.regionCode`
    checkNonNegative({ [`targets.${index}.inspections`]: target.inspections, [`targets.${index}.cases`]: target.cases }, problems)
    const earlier = seen.get(target.regionCode)
    if (earlier !== undefined) problems.add(field, `${target.regionCode} already has a target at targets.${earlier}`)
    seen.set(target.regionCode, index)
    const region = knownProvinceRegion(field, target.regionCode, regions, problems)
    if (region === undefined) return
    if (region.level === 'province') problems.add(field, `targets are set per city or county, not for the whole province ${region.name}`)
    else if (campaignRegion !== undefined && !regions.contains(campaignRegion.code, target.regionCode)) {
      problems.add(field, `${target.regionCode} ${region.name} is outside the campaign's region ${campaignRegion.code} ${campaignRegion.name}`)
    }
  })
}
