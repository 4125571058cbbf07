// Demo volumes and mixes for Sichuan, from docs/domain.md, "Calibration for demo data".
// Rates are per working day for the whole province; rest days run at a fraction.
import type { ComplaintRecord, InspectionRecord } from '../../shared/records'
import { FOOD_CATEGORY_NAMES_EN } from '../../shared/food-categories'

export interface StreamRate {
  perWorkingDay: number
  /** share of the working-day volume on weekends and holidays */
  restDayFactor: number
  rhythm: 'intake' | 'office'
}

// Intake: 1,700 a working day at 79:21 (≈ 55万 a year with quieter rest days; the handbook ≈ 60万).
// Inspections: random 1,100 + joint 440 (40% of random) a working day ≈ 38万 entities inspected
// at random a year (the handbook ≈ 40万). Food sampling: 1,500 batches a working day ≈ 38万 a year.
// Cases: 195 a working day plus ≈ 2% of accepted complaints (≈ 33 a working day) ≈ 6万 a year.
export const RATES = {
  complaint: { perWorkingDay: 1343, restDayFactor: 0.6, rhythm: 'intake' },
  report: { perWorkingDay: 357, restDayFactor: 0.6, rhythm: 'intake' },
  random: { perWorkingDay: 1100, restDayFactor: 0.05, rhythm: 'office' },
  joint: { perWorkingDay: 440, restDayFactor: 0.05, rhythm: 'office' },
  key: { perWorkingDay: 300, restDayFactor: 0.05, rhythm: 'office' },
  special_equipment: { perWorkingDay: 150, restDayFactor: 0.05, rhythm: 'office' },
  /** only while a campaign runs (春雷行动: Sichuan inspected 33.6万 entities in ten months of 2022) */
  campaign: { perWorkingDay: 500, restDayFactor: 0.05, rhythm: 'office' },
  food_sampling: { perWorkingDay: 107, restDayFactor: 0.05, rhythm: 'office' },
  case: { perWorkingDay: 195, restDayFactor: 0.1, rhythm: 'office' },
} as const satisfies Record<string, StreamRate>
export type StreamName = keyof typeof RATES
/** cases begun by complaints (诉转案, ≈ 2% of accepted ones): they follow their complaints' lifecycles, not RATES.case */
export const CASES_FROM_COMPLAINTS = { perWorkingDay: 33 }

/** weight of each local hour 0–23; 12315 peaks 9–11 and 14–17 on working days, flatter on rest days */
export const RHYTHM = {
  intake: [0.15, 0.1, 0.08, 0.07, 0.08, 0.15, 0.3, 0.6, 1.2, 2.2, 2.4, 2.1, 1.1, 1.3, 2.0, 2.1, 2.0, 1.8, 1.0, 0.8, 0.7, 0.6, 0.4, 0.25],
  intakeRestDay: [0.2, 0.12, 0.1, 0.08, 0.08, 0.12, 0.25, 0.5, 0.9, 1.3, 1.5, 1.4, 1.2, 1.2, 1.4, 1.4, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7, 0.5, 0.3],
  office: [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 1.8, 1.5, 0.3, 0.6, 1.5, 1.8, 1.5, 0.6, 0, 0, 0, 0, 0, 0],
}

export const COMPLAINT_MIX: Record<ComplaintRecord['category'], number> = {
  after_sales: 23, quality: 19, food_safety: 19, price: 9, contract: 8, unfair_competition: 5, metrology: 2, advertising: 2, other: 12,
}
/** reports (举报) point more often at unfair competition, advertising and food than complaints do */
export const REPORT_MIX: Record<ComplaintRecord['category'], number> = {
  after_sales: 5, quality: 18, food_safety: 25, price: 12, contract: 3, unfair_competition: 12, metrology: 5, advertising: 10, other: 10,
}
export const CHANNEL_MIX: Record<ComplaintRecord['channel'], number> = { hotline: 45, web: 14, app: 12, mini_program: 21, letter: 2, visit: 6 }
/** cross-cutting 12315 tags and how often each is attached */
export const TAG_SHARES: Record<string, number> = { 网络购物: 0.22, 预付式消费: 0.06, 教育培训: 0.03, 住房: 0.03, 医疗美容: 0.02 }

type Domain = InspectionRecord['domain']
export const CASE_DOMAIN_MIX: Record<Domain, number> = { food: 40, drug: 8, special_equipment: 4, industrial_product: 12, advertising: 8, price: 10, other: 18 }
export const INSPECTION_DOMAIN_MIX: Record<'random' | 'key', Partial<Record<Domain, number>>> = {
  random: { food: 30, drug: 5, special_equipment: 5, industrial_product: 20, advertising: 10, price: 10, other: 20 },
  key: { food: 45, drug: 20, special_equipment: 15, industrial_product: 20 },
}
/** share of inspections that find problems (10–20%, an assumption: the handbook gives no figure), entities not found at their address, follow-ups */
export const INSPECTION_OUTCOMES: Record<InspectionRecord['kind'], { problems: number; notFound: number; followUp: number }> = {
  random: { problems: 0.14, notFound: 0.04, followUp: 0.03 },
  joint: { problems: 0.12, notFound: 0.03, followUp: 0.03 },
  key: { problems: 0.2, notFound: 0.01, followUp: 0.04 },
  special_equipment: { problems: 0.16, notFound: 0, followUp: 0.05 },
  campaign: { problems: 0.18, notFound: 0.02, followUp: 0.03 },
}
export const JOINT_DEPARTMENTS = ['税务', '人力资源社会保障', '生态环境', '应急管理', '卫生健康', '商务', '住房城乡建设', '消防救援', '文化和旅游', '农业农村']

export const FOOD_SAMPLING = { minBatches: 4, maxBatches: 24, failureRate: 0.027 }
/** the national sampling's categories, each as likely */
export const FOOD_CATEGORIES = Object.keys(FOOD_CATEGORY_NAMES_EN)

/**
 * Fines and confiscations ≈ 4.6亿元 over ≈ 6万 cases: ≈ 7,700 yuan a case on average, most
 * far smaller. 15% of cases end without a fine; a major case (1%) is about eight times larger.
 */
export const CASE_AMOUNTS = { withoutFine: 0.15, median: 2050, sigma: 1.7, majorShare: 0.01, majorFactor: 8, confiscationShare: 0.3 }

/**
 * Recovered losses: the four Chengdu-area cities bring ≈ 70% of the ≈ 1.7亿元 a year (the handbook: 1.2亿元
 * for them) from ≈ 44% of the complaints, so their complaints recover about three times more.
 */
export const RECOVERED = { median: 130, sigma: 1.5, chengduAreaFactor: 3 }
export const CHENGDU_AREA = new Set(['510100', '510600', '511400', '512000'])
/** Chengdu's volume is well above its population share; any province's capital (xx0100) gets the same lift */
export const CAPITAL_WEIGHT = 1.6
