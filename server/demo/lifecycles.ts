// Every step of a complaint, report or case is decided when the item arrives, with
// statutory clocks mostly met and a realistic share missed; the generator releases
// each step when its time comes.
import type { CaseRecord, ComplaintRecord, IngestRecord, ReportRecord } from '../../shared/records'
import { CASE_AMOUNTS, CASE_DOMAIN_MIX, RECOVERED } from './calibration'
import { DAY_MS, HOUR_MS, formatChinaTime, workingDayAfter } from './china-time'
import type { Random } from './random'

export interface Step {
  at: number
  record: IngestRecord
}

const MINUTE_MS = 60_000

/** a source-system id: a prefix, the local time, and random characters that keep runs apart */
export function recordId(prefix: string, at: number, random: Random): string {
  return `${prefix}${formatChinaTime(at).slice(0, 19).replace(/\D/g, '')}-${random.chars('0123456789ABCDEFGHJKLMNPQRTUWXY', 6)}`
}

/** office hours (9:00–17:30) `count` working days after `from`, and always after `notBefore` */
function afterWorkingDays(random: Random, from: number, count: number, notBefore = from): number {
  const candidate = workingDayAfter(from, count) + 9 * HOUR_MS + random.int(0, 510) * MINUTE_MS
  return candidate > notBefore + MINUTE_MS ? candidate : notBefore + random.int(10, 120) * MINUTE_MS
}

/** office hours on the first working day at least `days` calendar days after `from` */
function afterDays(random: Random, from: number, days: number): number {
  return afterWorkingDays(random, from + days * DAY_MS, 0, from)
}

/** 0–7 working days, most within two; a few late (8–12) */
function acceptanceDelay(random: Random): number {
  if (random.chance(0.07)) return random.int(8, 12)
  return Number(random.weighted({ 0: 20, 1: 30, 2: 20, 3: 12, 4: 8, 5: 5, 6: 3, 7: 2 }))
}

type ComplaintBase = Omit<ComplaintRecord, 'status' | 'statusAt' | 'recoveredYuan'>

export interface ComplaintOutlook {
  /** this area's share of concluded mediations (agreed or ended) that reach agreement: its 调解成功率 (30–66%) */
  mediationSuccess: number
  chengduArea: boolean
}

export function complaintSteps(random: Random, base: ComplaintBase, receivedAt: number, outlook: ComplaintOutlook): Step[] {
  const steps: Step[] = []
  const step = (at: number, status: ComplaintRecord['status'], recoveredYuan?: number) => {
    const record: ComplaintRecord = { ...base, status, statusAt: formatChinaTime(at) }
    if (recoveredYuan !== undefined) record.recoveredYuan = recoveredYuan
    steps.push({ at, record })
    return at
  }
  const recovered = () => Math.round(random.logNormal(RECOVERED.median, RECOVERED.sigma) * (outlook.chengduArea ? RECOVERED.chengduAreaFactor : 1))
  step(receivedAt, 'received')
  const decidedAt = afterWorkingDays(random, receivedAt, acceptanceDelay(random))
  if (random.chance(0.05)) {
    step(decidedAt, 'not_accepted')
    return steps
  }
  const acceptedAt = step(decidedAt, 'accepted')
  // 诉转案 ≈ 2% of accepted complaints: half straight from acceptance, half after mediation fails.
  if (random.chance(0.01)) return withCase(steps, random, base, step(afterWorkingDays(random, acceptedAt, random.int(3, 15)), 'to_case'))
  const mediatingAt = step(afterWorkingDays(random, acceptedAt, random.int(0, 2), acceptedAt), 'mediating')
  // 12% of complainants withdraw during mediation; the other mediations conclude, agreed in the area's share.
  const outcome = random.float()
  if (outcome < 0.12) {
    const withdrawnAt = afterWorkingDays(random, mediatingAt, random.int(1, 15), mediatingAt)
    if (random.chance(0.5)) step(withdrawnAt, 'withdrawn', recovered())
    else step(withdrawnAt, 'withdrawn')
  } else if (outcome < 0.12 + 0.88 * outlook.mediationSuccess) {
    step(afterWorkingDays(random, mediatingAt, Math.min(44, Math.floor(random.logNormal(6, 0.8))), mediatingAt), 'mediated', recovered())
  } else {
    // Mediation ends at the latest 45 working days after acceptance; 3% of offices close late.
    const endsAt = step(afterWorkingDays(random, acceptedAt, random.chance(0.03) ? random.int(46, 55) : random.int(15, 45), mediatingAt), 'mediation_ended')
    if (random.chance(0.025)) return withCase(steps, random, base, step(afterWorkingDays(random, endsAt, random.int(1, 10), endsAt), 'to_case'))
  }
  return steps
}

function withCase(steps: Step[], random: Random, complaint: ComplaintBase, convertedAt: number): Step[] {
  const openedAt = convertedAt + random.int(10, 120) * MINUTE_MS
  const domain = complaint.category === 'food_safety' ? 'food' : complaint.category === 'price' ? 'price' : complaint.category === 'advertising' ? 'advertising' : 'other'
  const base: CaseBase = { type: 'case', id: recordId('AJ', openedAt, random), regionCode: complaint.regionCode, openedAt: formatChinaTime(openedAt), domain, sourceComplaintId: complaint.id }
  return [...steps, ...caseSteps(random, base, openedAt)]
}

type ReportBase = Omit<ReportRecord, 'status' | 'statusAt' | 'extended'>

export function reportSteps(random: Random, base: ReportBase, receivedAt: number): Step[] {
  const steps: Step[] = []
  const step = (at: number, status: ReportRecord['status'], extended = false) => {
    const record: ReportRecord = { ...base, status, statusAt: formatChinaTime(at) }
    if (extended) record.extended = true
    steps.push({ at, record })
    return at
  }
  step(receivedAt, 'received')
  const checkingAt = step(afterWorkingDays(random, receivedAt, random.int(0, 3)), 'checking')
  // Decided within 15 working days of receipt; 10% with the 15-day extension; 4% late.
  const kind = random.weighted({ onTime: 86, extended: 10, late: 4 })
  const days = kind === 'onTime' ? random.int(3, 15) : kind === 'extended' ? random.int(16, 30) : random.int(16, 22)
  step(afterWorkingDays(random, receivedAt, days, checkingAt), random.chance(0.25) ? 'case_opened' : 'not_opened', kind === 'extended')
  return steps
}

export type CaseBase = Omit<CaseRecord, 'status' | 'statusAt' | 'fineYuan' | 'confiscatedYuan' | 'extended'>

export function caseDomain(random: Random): CaseRecord['domain'] {
  return random.weighted(CASE_DOMAIN_MIX)
}

export function caseSteps(random: Random, base: CaseBase, openedAt: number): Step[] {
  const steps: Step[] = []
  const step = (at: number, status: CaseRecord['status'], extra: Partial<CaseRecord> = {}) => {
    steps.push({ at, record: { ...base, ...extra, status, statusAt: formatChinaTime(at) } })
    return at
  }
  step(openedAt, 'opened')
  if (random.chance(0.02)) {
    step(afterDays(random, openedAt, random.int(5, 40)), 'transferred')
    return steps
  }
  // Decided within 90 days of opening; 9% with the 30-day extension; 3% late.
  const kind = random.weighted({ onTime: 88, extended: 9, late: 3 })
  const days = kind === 'onTime' ? random.int(10, 86) : kind === 'extended' ? random.int(91, 116) : random.int(95, 140)
  const amounts = caseAmounts(random, base.major === true)
  if (kind === 'extended') amounts.extended = true
  const decidedAt = step(afterDays(random, openedAt, days), 'decided', amounts)
  step(afterWorkingDays(random, decidedAt, random.int(3, 25), decidedAt), 'closed', amounts)
  return steps
}

/** the longest a case in `caseSteps` stays undecided: a late decision at 140 days, moved on to a working day */
export const LONGEST_CASE_DAYS = 150

/**
 * The steps after opening of a stored case still undecided at `from`: its lifecycle redrawn until
 * the decision falls at or after `from`; a case open longer than any draw decides counting from `from`.
 */
export function openCaseSteps(random: Random, record: CaseRecord, from: number): Step[] {
  const { status: _status, statusAt: _statusAt, fineYuan: _fine, confiscatedYuan: _confiscated, extended: _extended, ...base } = record
  const openedAt = Date.parse(record.openedAt)
  for (let tries = 0; tries < 20; tries++) {
    const later = caseSteps(random, base, openedAt).slice(1)
    if (later[0]!.at >= from) return later
  }
  return caseSteps(random, base, from).slice(1)
}

function caseAmounts(random: Random, major: boolean): Partial<CaseRecord> {
  if (random.chance(CASE_AMOUNTS.withoutFine)) return {}
  const total = random.logNormal(CASE_AMOUNTS.median, CASE_AMOUNTS.sigma) * (major ? CASE_AMOUNTS.majorFactor : 1)
  // Fines are set in round hundreds; confiscated goods and gains are whole yuan.
  if (!random.chance(CASE_AMOUNTS.confiscationShare)) return { fineYuan: Math.max(100, Math.round(total / 100) * 100) }
  const confiscated = Math.round(total * random.float() * 0.6)
  return { fineYuan: Math.max(100, Math.round((total - confiscated) / 100) * 100), confiscatedYuan: confiscated }
}
