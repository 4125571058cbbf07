// PGlite's first open of an empty folder runs initdb inside WebAssembly: seconds of CPU, paid
// by every test database that starts from nothing. Global setup pays it once, here, and each
// PGlite test database starts as a copy of that cluster: the same PostgreSQL cluster a first
// open would make, with no table in it, so RegDeck's own first start (its migrations, its
// data-folder lock) still runs on every test database. Suites that start from an empty folder
// on purpose (main, the demo's first start) make their own folders and still pay initdb.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'

/** The folder RegDeck keeps its PGlite cluster in, under REGDECK_DATA_DIR (server/db/database.ts). */
export const PGLITE_FOLDER = 'pglite'

/** A freshly initialised, cleanly closed PGlite cluster in a temp folder; `remove` deletes it. */
export async function createPgliteTemplate(): Promise<{ dataDir: string; remove(): void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-pglite-template-'))
  const pglite = await PGlite.create(path.join(dataDir, PGLITE_FOLDER))
  await pglite.close()
  return { dataDir, remove: () => fs.rmSync(dataDir, { recursive: true, force: true }) }
}

/** Gives `dataDir` a copy of the template's cluster, as a first open would have made it. */
export function copyPgliteTemplate(templateDataDir: string, dataDir: string): void {
  fs.cpSync(path.join(templateDataDir, PGLITE_FOLDER), path.join(dataDir, PGLITE_FOLDER), { recursive: true })
}
