import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { RegionTree } from './region-tree'

/** Mirrors the tree into `regions`, so SQL can join and roll up by region; reference figures are refreshed on every start. */
export async function saveRegions(db: Kysely<Database>, tree: RegionTree): Promise<void> {
  const rows = [...tree.all()].map((region) => ({
    code: region.code,
    parent_code: region.parentCode,
    level: region.level,
    name: region.name,
    population: region.population,
    market_entities: region.marketEntities,
    population_estimated: region.populationEstimated,
    market_entities_estimated: region.marketEntitiesEstimated,
  }))
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('regions')
      .values(rows)
      .onConflict((conflict) =>
        conflict.column('code').doUpdateSet((eb) => ({
          parent_code: eb.ref('excluded.parent_code'),
          level: eb.ref('excluded.level'),
          name: eb.ref('excluded.name'),
          population: eb.ref('excluded.population'),
          market_entities: eb.ref('excluded.market_entities'),
          population_estimated: eb.ref('excluded.population_estimated'),
          market_entities_estimated: eb.ref('excluded.market_entities_estimated'),
        })),
      )
      .execute()
  })
}
