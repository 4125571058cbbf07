// Imports surveyed boundaries (DataV GeoAtlas files) in place of built-in or
// schematic shapes. Every feature ends up imported or named in the report.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { RegionTree } from '../regions/region-tree'
import { saveBoundaries } from './boundaries-repository'
import { type DatavFeature, parseDatavFile, resolveCodes } from './datav-geojson'

export interface BoundaryFile {
  path: string
  json: unknown
}

export interface ImportReport {
  imported: { code: string; name: string; sourceFile: string }[]
  /** codes the current code list does not know: retired or mistyped; a mapping file resolves them */
  unknown: { sourceFile: string; sourceCode: string; name: string }[]
  /** features or files that could not be used, each with its reason */
  problems: string[]
}

export async function importBoundaryFiles(
  db: Kysely<Database>,
  tree: RegionTree,
  files: readonly BoundaryFile[],
  codeMapping: ReadonlyMap<string, string>,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], unknown: [], problems: [] }
  const knownCodes = new Set([...tree.all()].map((region) => region.code))
  const accepted: Parameters<typeof saveBoundaries>[1][number][] = []
  for (const file of files) {
    const parsed = parseDatavFile(file.path, file.json)
    report.problems.push(...parsed.problems)
    const { resolved, unknown } = resolveCodes(parsed.features, knownCodes, codeMapping)
    report.unknown.push(...unknown.map((feature: DatavFeature) => ({ sourceFile: file.path, sourceCode: feature.sourceCode, name: feature.name })))
    for (const feature of resolved) {
      const region = tree.get(feature.code)
      if (region === undefined) continue
      const label = `${file.path}: ${feature.code} ${feature.name}`
      if (region.parentCode === null) {
        report.problems.push(`${label} is the province itself; only its cities and counties are drawn`)
      } else if (feature.parentCode !== null && feature.parentCode !== region.parentCode) {
        report.problems.push(`${label} belongs to ${region.parentCode} in the code list, but the file puts it under ${feature.parentCode}`)
      } else {
        accepted.push({ code: region.code, parentCode: region.parentCode, name: region.name, geometry: feature.geometry, sourceFile: file.path })
        report.imported.push({ code: region.code, name: region.name, sourceFile: file.path })
      }
    }
  }
  await saveBoundaries(db, accepted)
  return report
}

export function formatImportReport(report: ImportReport): string {
  const lines = [`imported ${report.imported.length} boundaries`]
  for (const file of new Set(report.imported.map((entry) => entry.sourceFile))) {
    const entries = report.imported.filter((entry) => entry.sourceFile === file)
    lines.push(`  ${file}: ${entries.map((entry) => `${entry.code} ${entry.name}`).join(', ')}`)
  }
  if (report.unknown.length > 0) {
    lines.push(`NOT imported, ${report.unknown.length} unknown codes (retired or mistyped; map them with --map old-new.csv, lines "old_code,new_code"):`)
    for (const entry of report.unknown) lines.push(`  ${entry.sourceFile}: ${entry.sourceCode} ${entry.name}`)
  }
  if (report.problems.length > 0) {
    lines.push(`NOT imported, ${report.problems.length} problems:`)
    for (const problem of report.problems) lines.push(`  ${problem}`)
  }
  return lines.join('\n')
}
