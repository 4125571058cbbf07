import { type MetricKey, RegionTrend } from '../../../shared/metrics'
import { getJson } from '../http/json'

export const TREND_DAYS = 30

/** The last days' values of each metric for a region, oldest first. */
export async function fetchTrends(region: string, metrics: readonly MetricKey[], signal: AbortSignal): Promise<Map<MetricKey, (number | null)[]>> {
  const trends = await Promise.all(
    metrics.map((metric) =>
      getJson(`/api/v1/regions/${encodeURIComponent(region)}/trend?metric=${metric}&days=${TREND_DAYS}`, RegionTrend, signal),
    ),
  )
  return new Map(trends.map((trend) => [trend.metric, trend.points.map((point) => point.value)]))
}
