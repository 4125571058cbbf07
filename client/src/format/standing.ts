// How far a figure stands from what it should be, in the direction that is good. One grading
// for tiles, rankings, bars and maps, so 0.2% against 5% never looks like 97.2% against 98%.
import { type MetricDefinition, type MetricValue, type RegionBreakdown, hasTooFewItems, metricDefinition } from '../../../shared/metrics'
import { daysInRange } from './metric-value'

/** met: at or past the goal; near: short of it by no more than a band; far: further short; unjudged: nothing to judge */
export type Grade = 'met' | 'near' | 'far' | 'unjudged'
export type JudgedGrade = Exclude<Grade, 'unjudged'>
export const JUDGED_GRADES: readonly JudgedGrade[] = ['met', 'near', 'far']

/** Short of a metric's target by at most this share of the target is near it: 97.2% against 98% is, 0.2% against 5% is not. */
export const NEAR_TARGET_SHARE = 0.05

/** Where `value` stands against `goal`, `better` saying which side of it is good. */
export function grade(value: number | null, goal: number, better: 'higher' | 'lower', nearBand: number): Grade {
  if (value === null || !Number.isFinite(value)) return 'unjudged'
  const ahead = better === 'higher' ? value - goal : goal - value
  if (ahead >= 0) return 'met'
  return -ahead <= nearBand ? 'near' : 'far'
}

/**
 * What a metric's target asks of a period. A target for a whole year (5% of entities inspected
 * a year) is asked pro rata over the period's days, so a wall in June is not red for not having
 * done December's work. Null: the metric has no target, or no good direction to judge it in.
 */
export function dueTarget(definition: Pick<MetricDefinition, 'better' | 'target'>, periodDays: number): number | null {
  const target = definition.target
  if (target === null || definition.better === null) return null
  return target.note === 'per year' ? target.value * Math.min(1, periodDays / 365) : target.value
}

/** The band below (above, for lower-is-better) a due target that still counts as near it; a target of 0 has none. */
export function nearBandOf(due: number): number {
  return Math.abs(due) * NEAR_TARGET_SHARE
}

export function gradeAgainstTarget(value: number | null, definition: Pick<MetricDefinition, 'better' | 'target'>, periodDays: number): Grade {
  const due = dueTarget(definition, periodDays)
  if (due === null || definition.better === null) return 'unjudged'
  return grade(value, due, definition.better, nearBandOf(due))
}

/** A metric's figures against its target; a rate on too few items is not judged (it is shown as its counts). */
export function gradeFigures(figures: MetricValue, definition: MetricDefinition, periodDays: number): Grade {
  return hasTooFewItems(definition, figures) ? 'unjudged' : gradeAgainstTarget(figures.value, definition, periodDays)
}

/** Each child region of a breakdown against the metric's target over the breakdown's period. */
export function breakdownGrades(breakdown: RegionBreakdown): Map<string, Grade> {
  const definition = metricDefinition(breakdown.metric)
  const periodDays = daysInRange(breakdown.period)
  return new Map(breakdown.children.map((child) => [child.code, gradeFigures(child, definition, periodDays)]))
}

/**
 * Campaign progress against the time elapsed: at or ahead of it is met, behind it by up to the
 * lagging margin is near, further behind is far: what the server calls lagging.
 */
export function gradeAgainstSchedule(progress: number | null, schedulePercent: number, laggingMarginPoints: number): Grade {
  return grade(progress, schedulePercent, 'higher', laggingMarginPoints)
}
