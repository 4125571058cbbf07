// What every screen of the wall reads for the region it shows: the region and its place in
// the tree, the map of its children, the live view of the period and of today, and the
// day-by-day trends of the headline metrics. Built once per wall page; screens side by side
// share it. Last good data stays up while the next region loads or the server is away.
import { regionLevelOf, isRegionCode } from '../../../shared/region-codes'
import { hasDailySeries, metricDefinition, type MetricKey } from '../../../shared/metrics'
import { fetchConfig } from '../config/api'
import { Resource } from '../http/resource.svelte'
import { live } from '../live/connection.svelte'
import type { LiveSubscription } from '../live/subscription.svelte'
import { fetchRegionFeatures } from '../map/api'
import { fetchTrends } from '../metrics/api'
import { fetchRegionDetail } from '../regions/api'

/** Trends change by the day; a wall refreshes them now and then rather than on every delta. */
const TREND_REFRESH_MS = 10 * 60_000

export class WallData {
  readonly config = new Resource((_key, signal) => fetchConfig(signal))
  readonly detail = new Resource(fetchRegionDetail)
  // Geometry URLs carry the server's geometry version, so browsers may cache them for good.
  readonly geo = new Resource((parentCode, signal) => fetchRegionFeatures(parentCode, this.config.data?.geoVersion ?? '', signal))
  readonly trends = new Resource((key, signal) => {
    const [region = '', metrics = ''] = key.split('|')
    return fetchTrends(region, metrics.split(',') as MetricKey[], signal)
  })

  /** the region × period the screens show */
  view = $state.raw<LiveSubscription | null>(null)
  today = $state.raw<LiveSubscription | null>(null)
  /** the view whose children the map draws: a county's map is its parent's */
  mapView = $state.raw<LiveSubscription | null>(null)
  hovered = $state<string | null>(null)

  readonly #target: () => { region: string | null; period: string }

  // Derived values, not getters: the target is a new object on every playlist turn, and
  // the loads and live views below must follow the region and period, not the object.
  readonly code: string | null = $derived.by(() => this.#target().region ?? this.config.data?.provinceCode ?? null)
  readonly validCode: string | null = $derived(this.code !== null && isRegionCode(this.code) ? this.code : null)
  readonly period: string = $derived.by(() => this.#target().period)
  readonly isCounty: boolean = $derived(this.validCode !== null && regionLevelOf(this.validCode) === 'county')
  /** whose children the map draws; null until a county's parent is known */
  readonly mapParent: string | null = $derived.by(() => {
    const code = this.validCode
    if (code === null) return null
    if (!this.isCounty) return code
    return this.detail.has(code) ? (this.detail.data?.region.parentCode ?? null) : null
  })
  /** the county lit on its parent's map */
  readonly highlighted: string | null = $derived(this.isCounty ? this.validCode : null)

  constructor(target: () => { region: string | null; period: string }, trendMetrics: readonly MetricKey[]) {
    this.#target = target
    const daily = trendMetrics.filter((key) => hasDailySeries(metricDefinition(key)))
    // Network loads follow the URL; each returns its own cancel for when the code changes.
    $effect(() => this.config.load('config'))
    $effect(() => (this.validCode === null ? undefined : this.detail.load(this.validCode)))
    $effect(() => (this.mapParent === null || this.config.data === undefined ? undefined : this.geo.load(this.mapParent)))
    $effect(() => {
      if (this.validCode === null || daily.length === 0) return
      const key = `${this.validCode}|${daily.join(',')}`
      let cancel = this.trends.load(key)
      const timer = setInterval(() => {
        cancel()
        cancel = this.trends.load(key)
      }, TREND_REFRESH_MS)
      return () => {
        cancel()
        clearInterval(timer)
      }
    })
    $effect(() => this.#hold('view', this.validCode, this.period))
    $effect(() => this.#hold('today', this.validCode, 'today'))
    $effect(() => this.#hold('mapView', this.isCounty ? this.mapParent : this.validCode, this.period))
  }

  /** Live values of a region for the period, let go when the screen moves on. */
  #hold(field: 'view' | 'today' | 'mapView', region: string | null, period: string): (() => void) | undefined {
    if (region === null) return undefined
    const held = live.hold({ region, period })
    this[field] = held
    return () => live.release(held)
  }
}
