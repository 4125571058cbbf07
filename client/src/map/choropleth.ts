// Colours for a map of one metric: five classes of equal width between the lowest and the
// highest value shown, brighter for more; regions without a value get their own colour.
import { scaleQuantize } from 'd3-scale'

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
