// What every screen reads alike of the wall's data, and the props its map, tiles and region
// lists share: in one place, so screens side by side word the period, light a region and
// show a load alike.
import { periodLabel } from '../format/period-label'
import { daysInRange, formatMetric } from '../format/metric-value'
import { breakdownGrades, dueTarget, nearBandOf } from '../format/standing'
import { i18n } from '../i18n/locale.svelte'
import { type MetricKey, type RegionBreakdown, metricDefinition } from '../../../shared/metrics'
import type { GradedMap } from '../map/choropleth'
import type { RegionAction } from '../map/region-action'
import type { WallData } from './wall-data.svelte'

export interface ScreenProps {
  wall: WallData
  onSelect: (code: string) => void
  /** offered on the map's regions where its hrefOf says: the duty officer's 督办…; null: none */
  regionAction: RegionAction | null
}

export class ScreenState {
  readonly #wall: () => WallData

  // One hovered region for the whole wall: the map and the lists of every screen follow it.
  readonly #hover = (code: string | null): void => {
    this.#wall().hovered = code
  }

  /** the region × period the screen shows */
  readonly view = $derived.by(() => this.#wall().view)
  readonly summary = $derived(this.view?.snapshot?.summary)
  readonly current: boolean = $derived(this.view?.current ?? true)
  readonly periodLabel: string = $derived.by(() => periodLabel(this.#wall().period, i18n.t))

  /** what a KPI panel takes, beside its own tiles */
  readonly kpiPanel = $derived.by(() => ({ view: this.view, periodLabel: this.periodLabel, trends: this.#wall().trends.data }))

  /** what the map panel takes, beside the values it colours */
  readonly mapPanel = $derived.by(() => {
    const wall = this.#wall()
    return {
      features: wall.geo.data,
      detail: wall.detail.data,
      // The map waits for the region (a county's map is its parent's), so it shows why.
      load:
        wall.mapParent === null
          ? { loading: wall.detail.loading, error: wall.detail.error, hasData: false }
          : { loading: wall.geo.loading, error: wall.geo.error, hasData: wall.geo.data !== undefined },
      highlighted: wall.highlighted,
      hovered: wall.hovered,
      onHover: this.#hover,
    }
  })

  /** what a list of regions takes to light the one the map lights */
  readonly regionList = $derived.by(() => ({ highlighted: this.#wall().highlighted ?? this.#wall().hovered, onHover: this.#hover }))

  constructor(wall: () => WallData) {
    this.#wall = wall
  }

  /** When this view's data at `paths` last changed; null while it has none. */
  changedAt(paths: readonly string[]): number | null {
    return this.view?.changedAtOf(paths) ?? null
  }

  /**
   * The ranking of the map's regions by a metric. A county whose parent lies outside the scope has
   * no neighbours' figures to rank among, and a rank of one of one would claim otherwise: none then.
   */
  rankingOf(metric: MetricKey): RegionBreakdown | undefined {
    const wall = this.#wall()
    const breakdown = wall.mapView?.snapshot?.breakdowns[metric]
    return breakdown !== undefined && wall.mapBeyondScope ? { ...breakdown, children: [] } : breakdown
  }

  /**
   * The map's regions graded against the metric's target, as its tiles and ranking grade them;
   * undefined for a metric without a target, whose map is coloured by value.
   */
  gradedMapOf(metric: MetricKey): GradedMap | undefined {
    const breakdown = this.#wall().mapView?.snapshot?.breakdowns[metric]
    const definition = metricDefinition(metric)
    const due = breakdown === undefined ? null : dueTarget(definition, daysInRange(breakdown.period))
    if (breakdown === undefined || due === null || definition.better === null) return undefined
    const band = nearBandOf(due)
    const figure = (value: number) => formatMetric(value, definition.unit, i18n.current)
    const range = i18n.t.gradeRange
    const edge = definition.better === 'higher' ? due - band : due + band
    const near = band === 0 ? null : definition.better === 'higher' ? `${figure(edge)} – ${figure(due)}` : `${figure(due)} – ${figure(edge)}`
    return {
      grades: breakdownGrades(breakdown),
      words: i18n.t.grades,
      ranges:
        definition.better === 'higher'
          ? { met: range.atLeast(figure(due)), near, far: range.below(figure(edge)) }
          : { met: range.atMost(figure(due)), near, far: range.above(figure(edge)) },
    }
  }

  /** The same, of the view whose children the map draws. */
  mapChangedAt(paths: readonly string[]): number | null {
    return this.#wall().mapView?.changedAtOf(paths) ?? null
  }
}
