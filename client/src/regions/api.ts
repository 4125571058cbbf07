import { RegionDetail } from '../../../shared/api'
import { isPlaceholderRegion } from '../../../shared/region-codes'
import { getJson } from '../http/json'

export async function fetchRegionDetail(code: string, signal: AbortSignal): Promise<RegionDetail> {
  const detail = await getJson(`/api/v1/regions/${encodeURIComponent(code)}`, RegionDetail, signal)
  // 市辖区 and development zones have no territory; they would only show as empty rows.
  return { ...detail, children: detail.children.filter((child) => !isPlaceholderRegion(child.code, child.name)) }
}
