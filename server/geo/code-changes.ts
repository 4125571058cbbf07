// Region codes retired since the bundled or imported maps were drawn (郫县 510124 is
// 郫都区 510117, 宜宾县 511521 is 叙州区 511504): one list for the built-in county
// shapes and for `geo:import`, where an operator's mapping file adds to it.
import { readFileSync } from 'node:fs'
import { parseCodeMappingCsv } from './datav-geojson'

const CODE_CHANGES_FILE = new URL('./data/code-changes.csv', import.meta.url)

export function knownCodeChanges(): Map<string, string> {
  return parseCodeMappingCsv(readFileSync(CODE_CHANGES_FILE, 'utf8'))
}
