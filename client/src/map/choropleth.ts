// Colours for a map of one metric: five classes of equal width between the lowest and the
// highest value shown, brighter for more; regions without a value get their own colour.
import { scaleQuantize } from 'd3-scale'
import type { Grade, JudgedGrade } from '../format/standing'

export const CLASS_COLOURS = ['#0f3b66', '#13608f', '#1a87b3', '#27b3cf', '#6fe6f7'] as const
export const NO_DATA_COLOUR = '#0a1f36'

export interface LegendClass {
  colour: string
  /** lower bound of the class, inclusive */
  from: number
  /** upper bound */
  to: number
}

export interface Choropleth {
  fills: Map<string, string>
  legend: LegendClass[]
  /** some region has no value */
  someWithout: boolean
}

export function choropleth(values: readonly { code: string; value: number | null }[]): Choropleth {
  const known = values.filter((entry): entry is { code: string; value: number } => entry.value !== null && Number.isFinite(entry.value))
  const fills = new Map<string, string>()
  const someWithout = known.length < values.length
  for (const entry of values) fills.set(entry.code, NO_DATA_COLOUR)
  if (known.length === 0) return { fills, legend: [], someWithout }
  const low = Math.min(...known.map((entry) => entry.value))
  const high = Math.max(...known.map((entry) => entry.value))
  if (low === high) {
    // One value everywhere: one class, in the middle colour, so nothing looks like an extreme.
    for (const entry of known) fills.set(entry.code, CLASS_COLOURS[2])
    return { fills, legend: [{ colour: CLASS_COLOURS[2], from: low, to: high }], someWithout }
  }
  const scale = scaleQuantize<string>().domain([low, high]).range([...CLASS_COLOURS])
  for (const entry of known) fills.set(entry.code, scale(entry.value))
  const legend = CLASS_COLOURS.map((colour) => {
    const [from, to] = scale.invertExtent(colour)
    return { colour, from: from ?? low, to: to ?? high }
  })
  return { fills, legend, someWithout }
}

/** A map coloured by where each region stands against a goal rather than by its value. */
export interface GradedMap {
  grades: ReadonlyMap<string, Grade>
  /** each grade in words, for the legend and for whoever cannot tell the colours apart */
  words: Record<JudgedGrade, string>
  /** the figures each grade covers, for the legend; null: the grade cannot occur (no band near a goal of 0) */
  ranges: Record<JudgedGrade, string | null>
}

/** Fills of a map graded against a target: muted enough that white region names stay readable on them. */
export const GRADE_COLOURS: Record<JudgedGrade, string> = { met: '#13735a', near: '#8f6410', far: '#9b2340' }

/** Each region's fill by its grade; an ungraded region gets the no-data colour. */
export function gradeFills(grades: ReadonlyMap<string, Grade>): Map<string, string> {
  return new Map([...grades].map(([code, grade]) => [code, grade === 'unjudged' ? NO_DATA_COLOUR : GRADE_COLOURS[grade]]))
}

/** Stripes that say a region's grade without its colour: light for near, heavy for far. */
export function gradeHatches(grades: ReadonlyMap<string, Grade>): Map<string, 'light' | 'heavy'> {
  const HATCHES: Record<Grade, 'light' | 'heavy' | null> = { met: null, near: 'light', far: 'heavy', unjudged: null }
  return new Map([...grades].flatMap(([code, grade]): [string, 'light' | 'heavy'][] => {
    const hatch = HATCHES[grade]
    return hatch === null ? [] : [[code, hatch]]
  }))
}
