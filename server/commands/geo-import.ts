// npm run geo:import -- [--map old-new.csv] <adcode>_full.json …
// Uses the server's configuration (REGDECK_DATA_DIR or DATABASE_URL); stop a
// PGlite server first, since one data folder serves one process.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config/config'
import { StartupError } from '../config/startup-error'
import { openDatabase } from '../db/database'
import { formatImportReport, importBoundaryFiles } from '../geo/boundary-import'
import { knownCodeChanges } from '../geo/code-changes'
import { parseCodeMappingCsv } from '../geo/datav-geojson'
import { RegionTree, loadProvinceDivisions } from '../regions/region-tree'
import { estimateReferenceFigures, loadGivenFigures } from '../regions/reference-figures'
import { saveRegions } from '../regions/regions-repository'
import { runCommand } from './run-command'

async function geoImport(): Promise<number> {
  const argv = process.argv.slice(2)
  const { values, positionals } = parseArgs({ args: argv, strict: false, allowPositionals: true, options: { map: { type: 'string' } } })
  const config = loadConfig(process.env, argv)
  if (positionals.length === 0) throw new StartupError('usage: npm run geo:import -- [--map old-new.csv] <adcode>_full.json …')
  // The operator's lines win over the built-in list of retired codes.
  const codeMapping = new Map([...knownCodeChanges(), ...(typeof values.map === 'string' ? parseCodeMappingCsv(readText(values.map)) : [])])
  const files = positionals.map((path) => {
    try {
      return { path, json: JSON.parse(readText(path)) as unknown }
    } catch (error) {
      throw new StartupError(error instanceof StartupError ? error.message : `${path} is not valid JSON: ${(error as Error).message}`)
    }
  })

  const divisions = loadProvinceDivisions(config.provinceCode)
  const tree = new RegionTree(divisions, estimateReferenceFigures(divisions, loadGivenFigures(config.provinceCode, config.referenceCsv)))
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await saveRegions(database.db, tree)
    const report = await importBoundaryFiles(database.db, tree, files, codeMapping)
    process.stdout.write(`${formatImportReport(report)}\ninto ${database.location}\n`)
    return report.unknown.length + report.problems.length === 0 ? 0 : 2
  } finally {
    await database.close()
  }
}

function readText(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8')
  } catch (error) {
    throw new StartupError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code}`)
  }
}

runCommand('geo:import', geoImport)
