import { ClientConfig } from '../../../shared/api'
import { getJson } from '../http/json'
import { regionNames } from '../i18n/region-names.svelte'

export async function fetchConfig(signal: AbortSignal): Promise<ClientConfig> {
  const config = await getJson('/api/v1/config', ClientConfig, signal)
  regionNames.learnEnglish(config.regionNamesEn)
  return config
}
