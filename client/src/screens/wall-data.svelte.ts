// What every screen of the wall reads for the region it shows: the region and its place in
// the tree, the map of its children, the live view of the period and of today, and the
// day-by-day trends of the headline metrics. Built once per wall page; screens side by side
// share it. Last good data stays up while the next region loads or the server is away.
import { regionLevelOf } from '../../../shared/region-codes'
import { access } from '../access/access.svelte'
import { withinScope } from '../access/scope'
import { hasDailySeries, metricDefinition, type MetricKey } from '../../../shared/metrics'
import { fetchConfig } from '../config/api'
import { HttpError } from '../http/json'
import { Resource } from '../http/resource.svelte'
import { live } from '../live/connection.svelte'
import type { LiveSubscription } from '../live/subscription.svelte'
import { fetchRegionFeatures } from '../map/api'
import { fetchTrends } from '../metrics/api'
import { fetchRegionDetail } from '../regions/api'
import { refusalProblem, type UrlProblem } from '../router/url-problem'
import type { LiveSnapshot } from '../../../shared/live'
import { ownMapSnapshot } from './county-map'

/** Trends change by the day; a wall refreshes them now and then rather than on every delta. */
const TREND_REFRESH_MS = 10 * 60_000

/** What the map and the lists of regions beside it read: a live view of the map's parent, or a county's own figures alone. */
export interface MapSource {
  readonly snapshot: LiveSnapshot | undefined
  readonly current: boolean
  changedAtOf(paths: readonly string[]): number | null
}

/** A county's own view as the only figures on its parent's map, for a principal the parent's view is refused to. */
class OwnMapSource implements MapSource {
  readonly snapshot: LiveSnapshot | undefined = $derived.by(() => (this.own.snapshot === undefined ? undefined : ownMapSnapshot(this.own.snapshot)))

  constructor(readonly own: LiveSubscription) {}

  get current(): boolean {
    return this.own.current
  }

  changedAtOf(paths: readonly string[]): number | null {
    return this.own.changedAtOf(paths)
  }
}

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
  /** the view whose children the map draws: a county's map is its parent's, or its own figures alone when the parent lies outside the scope */
  mapView = $state.raw<MapSource | null>(null)
  hovered = $state<string | null>(null)

  readonly #target: () => { region: string | null; period: string }

  // Derived values, not getters: the target is a new object on every playlist turn, and
  // the loads and live views below must follow the region and period, not the object.
  // The router has refused a region code or period that does not read, so these do.
  /** the principal's scope (GET /api/v1/access); null until known */
  readonly scope: string | null = $derived(access.answer?.region ?? null)
  /** the region shown: the URL's, else the top of the scope (a playlist naming no region) */
  readonly code: string | null = $derived.by(() => this.#target().region ?? this.scope ?? this.config.data?.provinceCode ?? null)
  /** the code lies outside the scope; it may still lie outside the province too (not known until the configuration is) */
  readonly #besideScope: boolean = $derived(this.code !== null && this.scope !== null && !withinScope(this.scope, this.code))
  /**
   * The URL names a region of the province above or beside the scope. A code of no region of the
   * province is not called that: the server's `unknown_region` says more precisely what is wrong.
   */
  readonly outsideScope: boolean = $derived.by(() => {
    const province = this.config.data?.provinceCode
    return this.#besideScope && province !== undefined && withinScope(province, this.code!)
  })
  /** what is asked for: nothing of a region outside the scope, unless it is known to be of no region of the province (for the server to say so) */
  readonly #asked: string | null = $derived.by(() => {
    if (!this.#besideScope) return this.code
    return this.config.data !== undefined && !this.outsideScope ? this.code : null
  })
  readonly period: string = $derived.by(() => this.#target().period)
  readonly isCounty: boolean = $derived(this.code !== null && regionLevelOf(this.code) === 'county')
  /** whose children the map draws; null until a county's parent is known */
  readonly mapParent: string | null = $derived.by(() => {
    const code = this.#asked
    if (code === null) return null
    if (!this.isCounty) return code
    return this.detail.has(code) ? (this.detail.data?.region.parentCode ?? null) : null
  })
  /**
   * A county whose parent lies outside the scope (a county officer's or screen's own county): the
   * parent's outlines are drawn (geometry is no secret) but its figures are not asked for.
   */
  readonly mapBeyondScope: boolean = $derived(this.isCounty && this.mapParent !== null && this.scope !== null && !withinScope(this.scope, this.mapParent))
  /** the county lit on its parent's map */
  readonly highlighted: string | null = $derived(this.isCounty ? this.code : null)
  /**
   * What is wrong with the URL, once the server has refused its region or period (an unknown
   * region, a campaign that does not exist); null while nothing is. The screens give way to it.
   */
  readonly refusal: UrlProblem | null = $derived.by(() => {
    const region = this.code
    if (region === null) return null
    if (this.outsideScope) return { kind: 'outside_scope', region }
    const view = { region, period: this.period }
    const held = this.view
    const detailError = this.detail.errorOf(region)
    /** the codes of the refusals so far; null for one that came without a code */
    const refusals: (string | null)[] = []
    if (held !== null && held.refusal !== null && held.view.region === region && held.view.period === view.period) refusals.push(held.refusal)
    if (detailError instanceof HttpError && detailError.refused) refusals.push(detailError.code)
    // The command centre's day, as of its last heartbeat: to word a range that starts after it.
    const today = live.lastBeat?.serverTime.slice(0, 10)
    const problems = refusals.map((code) => refusalProblem(code, view, today)).filter((problem) => problem !== null)
    // The precise word when there is one: HTTP may say only `not_found` where the socket says `unknown_region`.
    return problems.find((problem) => problem.kind !== 'refused') ?? problems[0] ?? null
  })

  constructor(target: () => { region: string | null; period: string }, trendMetrics: readonly MetricKey[]) {
    this.#target = target
    const daily = trendMetrics.filter((key) => hasDailySeries(metricDefinition(key)))
    // Network loads follow the URL; each returns its own cancel for when the code changes.
    $effect(() => this.config.load('config'))
    $effect(() => (this.#asked === null ? undefined : this.detail.load(this.#asked)))
    $effect(() => (this.mapParent === null || this.config.data === undefined ? undefined : this.geo.load(this.mapParent)))
    $effect(() => {
      if (this.#asked === null || daily.length === 0) return
      const key = `${this.#asked}|${daily.join(',')}`
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
    $effect(() => this.#hold('view', this.#asked, this.period))
    $effect(() => this.#hold('today', this.#asked, 'today'))
    $effect(() => {
      if (!this.mapBeyondScope) return this.#hold('mapView', this.isCounty ? this.mapParent : this.#asked, this.period)
      // Its own view, held already: nothing more is asked of the server.
      this.mapView = this.view === null ? null : new OwnMapSource(this.view)
      return undefined
    })
  }

  /** Live values of a region for the period, let go when the screen moves on. */
  #hold(field: 'view' | 'today' | 'mapView', region: string | null, period: string): (() => void) | undefined {
    if (region === null) return undefined
    const held = live.hold({ region, period })
    this[field] = held
    return () => live.release(held)
  }
}
