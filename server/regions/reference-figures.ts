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
 * Figures for every division. Given figures are used as they are; a parent with
 * none is the sum of its children when all of theirs are given. Otherwise a
 * parent's remainder is split over its children without figures (counties by
 * COUNTY_WEIGHT), and market entities follow population: ENTITY_DENSITY per
 * resident for a city, a county's share of its city's by population. Splits
 * are whole numbers that add up exactly, so a parent always equals its children.
 */
export function estimateReferenceFigures(divisions: readonly Division[], given: ReadonlyMap<string, GivenFigures>): Map<string, ReferenceFigures> {
  const childrenOf = new Map<string, Division[]>()
  for (const division of divisions) {
    if (division.parentCode !== null) childrenOf.set(division.parentCode, [...(childrenOf.get(division.parentCode) ?? []), division])
  }
  const result = new Map<string, ReferenceFigures>()
  const province = divisions[0]
  if (province === undefined) return result
  const capitalCode = `${province.code.slice(0, 2)}0100`

  const statedPopulation = (division: Division): number | undefined => {
    const own = given.get(division.code)?.population
    if (own !== undefined) return own
    const children = childrenOf.get(division.code) ?? []
    const childFigures = children.map(statedPopulation)
    return children.length > 0 && childFigures.every((value) => value !== undefined) ? sum(childFigures as number[]) : undefined
  }

  const assignPopulation = (division: Division, population: number, estimated: boolean): void => {
    result.set(division.code, { population, marketEntities: 0, populationEstimated: estimated, marketEntitiesEstimated: false })
    const children = childrenOf.get(division.code) ?? []
    const stated = children.map(statedPopulation)
    const remainder = Math.max(0, population - sum(stated.map((value) => value ?? 0)))
    const shares = apportion(remainder, children.map((child, index) => (stated[index] === undefined ? splitWeight(child) : 0)))
    children.forEach((child, index) => {
      const own = stated[index]
      assignPopulation(child, own ?? shares[index] ?? 0, own === undefined)
    })
  }

  const assignEntities = (division: Division, entities: number | undefined): void => {
    const figures = result.get(division.code)
    if (figures === undefined) return
    const own = given.get(division.code)?.marketEntities
    const children = childrenOf.get(division.code) ?? []
    if (own !== undefined) figures.marketEntities = own
    else if (entities !== undefined) figures.marketEntities = entities
    if (children.length === 0) {
      figures.marketEntitiesEstimated = own === undefined
      return
    }
    if (division.parentCode === null) {
      // The province: each city by its own density, unless given.
      for (const child of children) {
        const density = child.code === capitalCode ? ENTITY_DENSITY.capital : ENTITY_DENSITY.other
        assignEntities(child, Math.round((result.get(child.code)?.population ?? 0) * density))
      }
    } else {
      const stated = children.map((child) => given.get(child.code)?.marketEntities)
      const remainder = Math.max(0, figures.marketEntities - sum(stated.map((value) => value ?? 0)))
      const shares = apportion(remainder, children.map((child, index) => (stated[index] === undefined ? (result.get(child.code)?.population ?? 0) : 0)))
      children.forEach((child, index) => assignEntities(child, stated[index] === undefined ? shares[index] : undefined))
    }
    if (own === undefined) {
      const childFigures = children.map((child) => result.get(child.code))
      figures.marketEntities = sum(childFigures.map((child) => child?.marketEntities ?? 0))
      figures.marketEntitiesEstimated = childFigures.some((child) => child?.marketEntitiesEstimated ?? true)
    }
  }

  const provincePopulation = statedPopulation(province)
  assignPopulation(province, provincePopulation ?? 0, provincePopulation === undefined)
  assignEntities(province, undefined)
  return result
}

function splitWeight(division: Division): number {
  if (division.code.endsWith('00')) return 1
  if (division.name.endsWith('区')) return COUNTY_WEIGHT.district
  if (division.name.endsWith('市')) return COUNTY_WEIGHT.countyCity
  return COUNTY_WEIGHT.county
}

/** Whole-number shares of `total` in proportion to `weights` that add up to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const weightSum = sum(weights)
  if (weightSum <= 0) return weights.map(() => 0)
  const exact = weights.map((weight) => (total * weight) / weightSum)
  const shares = exact.map(Math.floor)
  const order = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction || a.index - b.index)
  for (let left = total - sum(shares), next = 0; left > 0; left--, next++) {
    const target = order[next % order.length]
    if (target !== undefined) shares[target.index] = (shares[target.index] ?? 0) + 1
  }
  return shares
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
