// Population and registered market entities per region. Operator figures win;
// where none are given, a stated rule estimates them and marks them estimated.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { StartupError } from '../config/startup-error'
import type { Division, ReferenceFigures } from './region-tree'

export interface GivenFigures {
  population?: number
  marketEntities?: number
}

/** Market entities per resident: the capital city is denser in business (Sichuan ≈ 8 million entities, Chengdu ≈ 37%). */
export const ENTITY_DENSITY = { capital: 0.14, other: 0.08 }
/** Shares used to split a parent's population over counties with no figures: urban districts are denser. */
export const COUNTY_WEIGHT = { district: 1.5, countyCity: 1.2, county: 1 }

const builtInFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference')

/** Built-in figures for the province (if shipped), overridden by the operator's CSV. */
export function loadGivenFigures(provinceCode: string, operatorCsv: string | undefined): Map<string, GivenFigures> {
  const builtIn = path.join(builtInFolder, `${provinceCode}.csv`)
  const given = fs.existsSync(builtIn) ? parseReferenceCsv(fs.readFileSync(builtIn, 'utf8'), builtIn) : new Map()
  if (operatorCsv !== undefined) {
    let text: string
    try {
      text = fs.readFileSync(operatorCsv, 'utf8')
    } catch (error) {
      throw new StartupError(`cannot read reference data ${operatorCsv}: ${(error as NodeJS.ErrnoException).code}`)
    }
    for (const [code, figures] of parseReferenceCsv(text, operatorCsv)) given.set(code, { ...given.get(code), ...figures })
  }
  return given
}

/** CSV with a header row naming `code`, `population`, `market_entities` (other columns are ignored; empty cells mean unknown). */
export function parseReferenceCsv(text: string, source: string): Map<string, GivenFigures> {
  let rows: Record<string, string>[]
  try {
    rows = parse(text, { bom: true, columns: true, skip_empty_lines: true, trim: true })
  } catch (error) {
    throw new StartupError(`reference data ${source}: ${(error as Error).message}`)
  }
  const figures = new Map<string, GivenFigures>()
  rows.forEach((row, index) => {
    const line = index + 2
    const code = row.code ?? ''
    if (!/^\d{6}$/.test(code)) throw new StartupError(`reference data ${source} line ${line}: code "${code}" is not a six-digit region code`)
    const entry: GivenFigures = {}
    const population = readCount(row.population, 'population', source, line)
    const marketEntities = readCount(row.market_entities, 'market_entities', source, line)
    if (population !== undefined) entry.population = population
    if (marketEntities !== undefined) entry.marketEntities = marketEntities
    figures.set(code, entry)
  })
  return figures
}

function readCount(cell: string | undefined, column: string, source: string, line: number): number | undefined {
  if (cell === undefined || cell === '') return undefined
  const value = Number(cell.replaceAll(',', ''))
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StartupError(`reference data ${source} line ${line}: ${column} "${cell}" is not a whole number ≥ 0`)
  }
  return value
}

/**
 * Figures for every division. Given figures are used as they are. Otherwise:
 * a parent is the sum of its children; a county's population is its parent's
 * remainder split by COUNTY_WEIGHT; market entities follow population with
 * ENTITY_DENSITY, a county's share of its parent's entities by population.
 */
export function estimateReferenceFigures(divisions: readonly Division[], given: ReadonlyMap<string, GivenFigures>): Map<string, ReferenceFigures> {
  const childrenOf = new Map<string, Division[]>()
  for (const division of divisions) {
    if (division.parentCode === null) continue
    childrenOf.set(division.parentCode, [...(childrenOf.get(division.parentCode) ?? []), division])
  }
  const province = divisions[0]
  if (province === undefined) return new Map()
  const capitalCode = `${province.code.slice(0, 2)}0100`
  const result = new Map<string, ReferenceFigures>()

  const populationOf = (division: Division): { value: number; estimated: boolean } => {
    const stated = given.get(division.code)?.population
    if (stated !== undefined) return { value: stated, estimated: false }
    const children = childrenOf.get(division.code) ?? []
    const known = children.map((child) => given.get(child.code)?.population)
    if (children.length > 0 && known.every((value) => value !== undefined)) {
      return { value: known.reduce<number>((sum, value) => sum + (value ?? 0), 0), estimated: false }
    }
    return { value: 0, estimated: true }
  }

  const assign = (division: Division, population: number, populationEstimated: boolean, parentEntities?: { entities: number; population: number }) => {
    const statedEntities = given.get(division.code)?.marketEntities
    const density = division.code === capitalCode ? ENTITY_DENSITY.capital : ENTITY_DENSITY.other
    const entities = statedEntities ?? (parentEntities !== undefined && parentEntities.population > 0
      ? Math.round((parentEntities.entities * population) / parentEntities.population)
      : Math.round(population * density))
    result.set(division.code, { population, marketEntities: entities, estimated: populationEstimated || statedEntities === undefined })

    const children = childrenOf.get(division.code) ?? []
    if (children.length === 0) return
    const statedChildren = children.map((child) => populationOf(child))
    const remainder = Math.max(0, population - statedChildren.reduce((sum, child) => sum + (child.estimated ? 0 : child.value), 0))
    const weights = children.map((child, index) => (statedChildren[index]?.estimated ? countyWeight(child.name) : 0))
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
    const childPopulations = children.map((_, index) => {
      const stated = statedChildren[index]
      if (stated !== undefined && !stated.estimated) return stated.value
      return weightSum > 0 ? Math.round((remainder * (weights[index] ?? 0)) / weightSum) : 0
    })
    const childPopulationTotal = childPopulations.reduce((sum, value) => sum + value, 0)
    children.forEach((child, index) => {
      const childPopulation = childPopulations[index] ?? 0
      const childEstimated = statedChildren[index]?.estimated ?? true
      // Cities estimate their own entities by density; counties take a share of their city's.
      const share = child.code.endsWith('00') ? undefined : { entities, population: childPopulationTotal }
      assign(child, childPopulation, childEstimated, share)
    })
  }

  const provincePopulation = populationOf(province)
  assign(province, provincePopulation.value, provincePopulation.estimated)
  // A parent with no stated figure is the sum of what its children came to.
  for (const division of [...divisions].reverse()) {
    const children = childrenOf.get(division.code) ?? []
    const own = given.get(division.code)
    const figures = result.get(division.code)
    if (children.length === 0 || figures === undefined) continue
    const childFigures = children.map((child) => result.get(child.code)).filter((value) => value !== undefined)
    if (own?.population === undefined) figures.population = childFigures.reduce((sum, child) => sum + child.population, 0)
    if (own?.marketEntities === undefined) figures.marketEntities = childFigures.reduce((sum, child) => sum + child.marketEntities, 0)
  }
  return result
}

function countyWeight(name: string): number {
  if (name.endsWith('区')) return COUNTY_WEIGHT.district
  if (name.endsWith('市')) return COUNTY_WEIGHT.countyCity
  return COUNTY_WEIGHT.county
}
