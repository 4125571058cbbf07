// A sparkline's geometry. The days with a value read as one line: a day without one is bridged
// straight between its neighbours (drawn dashed), never dropped to zero; days before the first
// value or after the last draw nothing, so a history shorter than the window is a shorter line
// where its days fall, not a block.
import { scaleLinear } from 'd3-scale'
import { line } from 'd3-shape'

export interface SparklineGeometry {
  /** runs of days that each have a value */
  solid: string
  /** straight spans across days without a value */
  bridges: string
  /** days with a value and neither neighbour with one, which a line alone would not show */
  dots: { x: number; y: number }[]
  /** where the reference falls, when inside the drawn range */
  referenceY: number | null
}

export function sparklineGeometry(points: readonly (number | null)[], size: { width: number; height: number; margin: number }, reference: number | null = null): SparklineGeometry {
  const { width, height, margin } = size
  const known = points.flatMap((value, day) => (value === null || !Number.isFinite(value) ? [] : [{ day, value }]))
  const x = scaleLinear().domain([0, Math.max(points.length - 1, 1)]).range([margin, width - margin])
  const [low, high] = known.length === 0 ? [0, 1] : [Math.min(...known.map((p) => p.value)), Math.max(...known.map((p) => p.value))]
  const pad = low === high ? Math.max(Math.abs(high) * 0.1, 1) : 0
  const y = scaleLinear().domain([low - pad, high + pad]).range([height - margin, margin])

  const hasValue = (day: number) => {
    const value = points[day]
    return value !== null && value !== undefined && Number.isFinite(value)
  }
  const solid = line<number | null>().defined((_, day) => hasValue(day)).x((_, day) => x(day)).y((value) => y(value ?? 0))(points) ?? ''
  const bridges = known
    .flatMap((point, i) => {
      const next = known[i + 1]
      return next !== undefined && next.day > point.day + 1 ? [`M${x(point.day)},${y(point.value)}L${x(next.day)},${y(next.value)}`] : []
    })
    .join('')
  const dots = known.filter((point) => !hasValue(point.day - 1) && !hasValue(point.day + 1)).map((point) => ({ x: x(point.day), y: y(point.value) }))
  const at = reference === null ? null : y(reference)
  const referenceY = at !== null && at >= margin && at <= height - margin ? at : null
  return { solid, bridges, dots, referenceY }
}
