// The province this server is configured for: its code from /api/v1/config, then its name.
// What a page that shows no region still needs, to name the province and lead back to it.
import { fetchRegionDetail } from '../regions/api'
import { Resource } from '../http/resource.svelte'
import { fetchConfig } from './api'
import { regionNames } from '../i18n/region-names.svelte'

export class ConfiguredProvince {
  readonly config = new Resource((_key, signal) => fetchConfig(signal))
  readonly detail = new Resource(fetchRegionDetail)

  readonly code: string | null = $derived(this.config.data?.provinceCode ?? null)
  /** null until its region has loaded */
  /** in the wall's language */
  readonly name: string | null = $derived.by(() => {
    const region = this.code !== null && this.detail.has(this.code) ? this.detail.data?.region : undefined
    return region === undefined ? null : regionNames.of(region.code, region.name)
  })

  /** Loads while the component that builds it is on screen. */
  constructor() {
    $effect(() => this.config.load('config'))
    $effect(() => (this.code === null ? undefined : this.detail.load(this.code)))
  }
}
