// Inspections and food sampling: single records, known once the inspection is done
// (or, for a serious hazard fixed on the spot, once it is fixed).
import type { Region } from '../../shared/api'
import type { FoodSamplingRecord, InspectionRecord } from '../../shared/records'
import { FOOD_CATEGORIES, FOOD_SAMPLING, INSPECTION_DOMAIN_MIX, INSPECTION_OUTCOMES, JOINT_DEPARTMENTS } from './calibration'
import { formatChinaTime } from './china-time'
import { makeEntity } from './entities'
import { type Step, recordId } from './lifecycles'
import type { Random } from './random'

export type InspectionKind = InspectionRecord['kind']

export function inspectionStep(random: Random, kind: InspectionKind, county: Region, at: number, campaign?: { id: string; domains: readonly InspectionRecord['domain'][] }): Step {
  const domain =
    kind === 'special_equipment' ? 'special_equipment' : kind === 'campaign' && campaign ? random.pick(campaign.domains) : random.weighted(INSPECTION_DOMAIN_MIX[kind === 'key' ? 'key' : 'random'])
  const record: InspectionRecord = {
    type: 'inspection',
    id: recordId('JC', at, random),
    regionCode: county.code,
    occurredAt: formatChinaTime(at),
    kind,
    domain,
    entity: makeEntity(random, county),
    result: 'compliant',
  }
  const outcome = INSPECTION_OUTCOMES[kind]
  const draw = random.float()
  if (draw < outcome.problems) {
    record.result = 'problems'
    record.problemCount = Math.min(12, 1 + Math.floor(random.logNormal(0.8, 0.9)))
  } else if (draw < outcome.problems + outcome.notFound) record.result = 'not_found'
  else if (draw < outcome.problems + outcome.notFound + outcome.followUp) record.result = 'follow_up'
  if (kind === 'campaign' && campaign) record.campaignId = campaign.id
  // 进一次门、查多项事: market regulation plus one to three other departments.
  if (kind === 'joint') record.departments = ['市场监管', ...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(JOINT_DEPARTMENTS)))]
  let knownAt = at
  if (domain === 'special_equipment') {
    record.equipmentRegistered = random.chance(0.97)
    record.statutoryInspectionOnTime = random.chance(0.93)
    record.seriousHazard = record.result === 'problems' && random.chance(0.2)
    if (record.seriousHazard && random.chance(0.6)) {
      knownAt = at + random.int(30, 240) * 60_000
      record.hazardFixedAt = formatChinaTime(knownAt)
    }
  }
  return { at: knownAt, record }
}

export function foodSamplingStep(random: Random, county: Region, at: number): Step {
  const batches = random.int(FOOD_SAMPLING.minBatches, FOOD_SAMPLING.maxBatches)
  let failed = 0
  for (let batch = 0; batch < batches; batch++) if (random.chance(FOOD_SAMPLING.failureRate)) failed += 1
  const record: FoodSamplingRecord = {
    type: 'food_sampling',
    id: recordId('CJ', at, random),
    regionCode: county.code,
    occurredAt: formatChinaTime(at),
    batches,
    failed,
    category: random.pick(FOOD_CATEGORIES),
  }
  return { at, record }
}
