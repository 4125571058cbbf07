import { describe, expect, it } from 'vitest'
import { type MetricKey, metricDefinition } from '../../../shared/metrics'
import { grade, gradeAgainstSchedule, gradeAgainstTarget } from '../../../client/src/format/standing'

const definition = (key: MetricKey) => metricDefinition(key)

describe('grade', () => {
  it('is met at the goal, near within the band, far past it, higher being better', () => {
    expect(grade(100, 100, 'higher', 5)).toBe('met')
    expect(grade(100.5, 100, 'higher', 5)).toBe('met')
    expect(grade(99.9, 100, 'higher', 5)).toBe('near')
    expect(grade(95, 100, 'higher', 5)).toBe('near')
    expect(grade(94.9, 100, 'higher', 5)).toBe('far')
  })

  it('turns round where lower is better', () => {
    expect(grade(10, 10, 'lower', 2)).toBe('met')
    expect(grade(3, 10, 'lower', 2)).toBe('met')
    expect(grade(12, 10, 'lower', 2)).toBe('near')
    expect(grade(12.5, 10, 'lower', 2)).toBe('far')
  })

  it('has no near band around a goal of zero: one overdue item is far', () => {
    expect(grade(0, 0, 'lower', 0)).toBe('met')
    expect(grade(1, 0, 'lower', 0)).toBe('far')
  })

  it('does not judge a missing value', () => {
    expect(grade(null, 98, 'higher', 4.9)).toBe('unjudged')
    expect(grade(Number.NaN, 98, 'higher', 4.9)).toBe('unjudged')
  })
})

describe('gradeAgainstTarget', () => {
  it('tells 0.2% against 5% a year from 97.2% against 98%', () => {
    expect(gradeAgainstTarget(0.2, definition('random_inspection_ratio'), 365)).toBe('far')
    expect(gradeAgainstTarget(97.2, definition('food_pass_rate'), 365)).toBe('near')
    expect(gradeAgainstTarget(98, definition('food_pass_rate'), 365)).toBe('met')
    expect(gradeAgainstTarget(93, definition('food_pass_rate'), 365)).toBe('far')
  })

  it('asks a yearly target pro rata over the period', () => {
    // Half a year asks 2.5%: 2.4% is near it, 2.6% meets it, 1% is far.
    expect(gradeAgainstTarget(2.6, definition('random_inspection_ratio'), 365 / 2)).toBe('met')
    expect(gradeAgainstTarget(2.4, definition('random_inspection_ratio'), 365 / 2)).toBe('near')
    expect(gradeAgainstTarget(1, definition('random_inspection_ratio'), 365 / 2)).toBe('far')
    // More than a year asks no more than the year's target.
    expect(gradeAgainstTarget(5, definition('random_inspection_ratio'), 400)).toBe('met')
  })

  it('judges lower-is-better counts against their target of zero', () => {
    expect(gradeAgainstTarget(0, definition('overdue_open'), 30)).toBe('met')
    expect(gradeAgainstTarget(3, definition('overdue_open'), 30)).toBe('far')
  })

  it('does not judge a metric without a target or a good direction', () => {
    expect(gradeAgainstTarget(12, definition('complaints_received'), 30)).toBe('unjudged')
    expect(gradeAgainstTarget(40, definition('inspection_problem_rate'), 30)).toBe('unjudged')
    expect(gradeAgainstTarget(null, definition('food_pass_rate'), 30)).toBe('unjudged')
  })
})

describe('gradeAgainstSchedule', () => {
  it('is near while behind the time elapsed by no more than the lagging margin, far (lagging) past it', () => {
    expect(gradeAgainstSchedule(60, 60, 10)).toBe('met')
    expect(gradeAgainstSchedule(55, 60, 10)).toBe('near')
    expect(gradeAgainstSchedule(50, 60, 10)).toBe('near')
    expect(gradeAgainstSchedule(40, 60, 10)).toBe('far')
    expect(gradeAgainstSchedule(null, 60, 10)).toBe('unjudged')
  })
})
