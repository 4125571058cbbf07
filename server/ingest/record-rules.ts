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
  const problems: FieldProblem[] = []
  const report = (field: string, message: string) => problems.push({ field, message })
  const time = (field: string, value: string) => checkTime(field, value, context.now, report)
  const notBefore = (later: string, laterAt: number | null, earlier: string, earlierAt: number | null) => {
    if (laterAt !== null && earlierAt !== null && laterAt < earlierAt) report(later, `must not be before ${earlier}`)
  }
  if (record.type !== 'campaign') checkCountyRegion(record.regionCode, context.regions, report)
  switch (record.type) {
    case 'inspection': {
      const occurredAt = time('occurredAt', record.occurredAt)
      if (record.hazardFixedAt !== undefined) notBefore('hazardFixedAt', time('hazardFixedAt', record.hazardFixedAt), 'occurredAt', occurredAt)
      checkInspectionFindings(record, report)
      checkUscc('entity.uscc', record.entity.uscc, report)
      break
    }
    case 'food_sampling':
      time('occurredAt', record.occurredAt)
      checkNonNegative({ batches: record.batches, failed: record.failed }, report)
      if (record.failed > record.batches) report('failed', `${record.failed} failed batches are more than the ${record.batches} batches tested`)
      break
    case 'complaint':
    case 'report':
      notBefore('statusAt', time('statusAt', record.statusAt), 'receivedAt', time('receivedAt', record.receivedAt))
      if (record.type === 'complaint') checkYuan({ recoveredYuan: record.recoveredYuan }, report)
      if (record.entity !== undefined) checkUscc('entity.uscc', record.entity.uscc, report)
      break
    case 'case':
      notBefore('statusAt', time('statusAt', record.statusAt), 'openedAt', time('openedAt', record.openedAt))
      checkYuan({ fineYuan: record.fineYuan, confiscatedYuan: record.confiscatedYuan }, report)
      break
    case 'campaign':
      checkCampaign(record, context.regions, report)
      break
  }
  return problems
}

type Report = (field: string, message: string) => void

function checkTime(field: string, value: string, now: Date, report: Report): number | null {
  const at = parseOffsetTime(value)
  if (at === null) {
    report(field, `${value} is not a real time: check the month, day, hour and offset`)
    return null
  }
  const ahead = at - now.getTime()
  if (ahead > FUTURE_TOLERANCE_MS) report(field, `is ${describeAhead(ahead)} in the future; times may be at most 5 minutes ahead of the server clock`)
  return at
}

function describeAhead(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 120) return `${minutes} minutes`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`
}

function checkUscc(field: string, code: string, report: Report): void {
  const problem = usccProblem(code)
  if (problem !== null) report(field, problem)
}

function checkNonNegative(values: Record<string, number | undefined>, report: Report): void {
  for (const [field, value] of Object.entries(values)) if (value !== undefined && value < 0) report(field, 'must not be negative')
}

/** Yuan amounts are whole fen: at most two decimals. */
function checkYuan(values: Record<string, number | undefined>, report: Report): void {
  checkNonNegative(values, report)
  for (const [field, value] of Object.entries(values)) {
    if (value !== undefined && Math.abs(value * 100 - Math.round(value * 100)) > 1e-6 * Math.max(1, Math.abs(value))) {
      report(field, 'must have at most two decimals (yuan and fen)')
    }
  }
}

function checkInspectionFindings(record: InspectionRecord, report: Report): void {
  checkNonNegative({ problemCount: record.problemCount }, report)
  if (record.result === 'problems' && (record.problemCount ?? 0) < 1) {
    report('problemCount', 'must be at least 1 when result is problems')
  }
  if (record.kind === 'joint' && new Set(record.departments ?? []).size < 2) {
    report('departments', 'a joint inspection (部门联合抽查) names at least 2 different departments')
  }
}

/** Records belong to a county-level unit; stations (the optional fourth level) are not configured yet. */
function checkCountyRegion(code: string, regions: RegionTree, report: Report): void {
  const region = knownProvinceRegion('regionCode', code, regions, report)
  if (region !== undefined && region.level !== 'county') {
    report('regionCode', `${code} ${region.name} is a ${region.level}; records belong to a county-level region (区/县/县级市)`)
  }
}

function knownProvinceRegion(field: string, code: string, regions: RegionTree, report: Report) {
  const { province } = regions
  if (code.slice(0, 2) !== province.code.slice(0, 2)) {
    report(field, `${code} is not in ${province.name} (${province.code}), the province this command centre serves`)
    return undefined
  }
  const region = regions.get(code)
  if (region === undefined) {
    report(field, `${code} is not a known region of ${province.name}: it may be a retired code, a 市辖区 or development-zone code, or a station (none are configured)`)
  }
  return region
}

function checkCampaign(record: CampaignRecord, regions: RegionTree, report: Report): void {
  const startsOk = isLocalDate(record.startsOn)
  const endsOk = isLocalDate(record.endsOn)
  if (!startsOk) report('startsOn', `${record.startsOn} is not a calendar day`)
  if (!endsOk) report('endsOn', `${record.endsOn} is not a calendar day`)
  if (startsOk && endsOk && record.endsOn < record.startsOn) report('endsOn', `must not be before startsOn (${record.startsOn})`)

  const campaignRegion = knownProvinceRegion('regionCode', record.regionCode, regions, report)
  const seen = new Map<string, number>()
  record.targets.forEach((target, index) => {
    const field = `targets.${index}.regionCode`
    checkNonNegative({ [`targets.${index}.inspections`]: target.inspections, [`targets.${index}.cases`]: target.cases }, report)
    const earlier = seen.get(target.regionCode)
    if (earlier !== undefined) report(field, `${target.regionCode} already has a target at targets.${earlier}`)
    seen.set(target.regionCode, index)
    const region = knownProvinceRegion(field, target.regionCode, regions, report)
    if (region === undefined) return
    if (region.level === 'province') report(field, `targets are set per city or county, not for the whole province ${region.name}`)
    else if (campaignRegion !== undefined && !isWithin(target.regionCode, campaignRegion.code, regions)) {
      report(field, `${target.regionCode} ${region.name} is outside the campaign's region ${campaignRegion.code} ${campaignRegion.name}`)
    }
  })
}

function isWithin(code: string, ancestorCode: string, regions: RegionTree): boolean {
  return code === ancestorCode || regions.ancestors(code).some((ancestor) => ancestor.code === ancestorCode)
}
