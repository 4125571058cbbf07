import { ClientConfig } from '../../../shared/api'
import { getJson } from '../http/json'
import { regionNames } from '../i18n/region-names.svelte'

export async function fetchConfig(signal: AbortSignal): Promise<ClientConfig> {
  const config = await getJson('/api/v1/config', ClientConfig, signal)
  regionNames.learnEnglish(config.regionNamesEn)
  return config
}

/** Region names loading (`chinese`), answered once the English ones are learnt too: for pages that name regions without the wall. */
export async function withEnglishNames<T>(chinese: Promise<T>): Promise<T> {
  const [names] = await Promise.all([chinese, fetchConfig(new AbortController().signal)])
  return names
}
