import type { MultiPolygon, Polygon } from 'geojson'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

export interface StoredBoundary {
  code: string
  parentCode: string
  name: string
  geometry: Polygon | MultiPolygon
}

export async function boundariesWithParent(db: Kysely<Database>, parentCode: string): Promise<StoredBoundary[]> {
  const rows = await db.selectFrom('region_boundaries').select(['code', 'parent_code', 'name', 'geometry']).where('parent_code', '=', parentCode).orderBy('code').execute()
  return rows.map(toStoredBoundary)
}

export async function boundaryOf(db: Kysely<Database>, code: string): Promise<StoredBoundary | undefined> {
  const row = await db.selectFrom('region_boundaries').select(['code', 'parent_code', 'name', 'geometry']).where('code', '=', code).executeTakeFirst()
  return row === undefined ? undefined : toStoredBoundary(row)
}

/** Changes whenever an import changes the stored shapes; clients key their geometry cache on it. */
export async function boundariesVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('region_boundaries')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('imported_at').as('latest')])
    .executeTakeFirstOrThrow()
  const latest = row.latest === null ? 0 : new Date(row.latest).getTime()
  return `${Number(row.count)}-${latest}`
}

/** Replaces the shapes of the given regions in one transaction. */
export async function saveBoundaries(db: Kysely<Database>, boundaries: readonly (StoredBoundary & { sourceFile: string })[]): Promise<void> {
  if (boundaries.length === 0) return
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('region_boundaries')
      .values(
        boundaries.map((boundary) => ({
          code: boundary.code,
          parent_code: boundary.parentCode,
          name: boundary.name,
          geometry: JSON.stringify(boundary.geometry),
          source_file: boundary.sourceFile,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('code').doUpdateSet((eb) => ({
          parent_code: eb.ref('excluded.parent_code'),
          name: eb.ref('excluded.name'),
          geometry: eb.ref('excluded.geometry'),
          source_file: eb.ref('excluded.source_file'),
          imported_at: eb.fn('now'),
        })),
      )
      .execute()
  })
}

function toStoredBoundary(row: { code: string; parent_code: string; name: string; geometry: unknown }): StoredBoundary {
  return { code: row.code, parentCode: row.parent_code, name: row.name, geometry: row.geometry as Polygon | MultiPolygon }
}
