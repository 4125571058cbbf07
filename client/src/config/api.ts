import { ClientConfig } from '../../../shared/api'
import { getJson } from '../http/json'

export function fetchConfig(signal: AbortSignal): Promise<ClientConfig> {
  return getJson('/api/v1/config', ClientConfig, signal)
}
