// The client's folders import one way (wall → screens → panels → the folders below), so a
// panel can move or be reused without the page that shows it. Read from the source, .svelte
// files included, which the import drawings of the house do not read.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SOURCE = path.resolve('client/src')
const RELATIVE_IMPORT = /(?:from|import)\s+'(\.[^']+)'/g

/** Each import from one folder of client/src into another, as "from/file -> to/file". */
function crossFolderImports(): { from: string; to: string; line: string }[] {
  const folderOf = (file: string) => path.relative(SOURCE, file).split(path.sep)[0] ?? ''
  const imports: { from: string; to: string; line: string }[] = []
  for (const entry of fs.readdirSync(SOURCE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|svelte)$/.test(entry.name)) continue
    const file = path.join(entry.parentPath, entry.name)
    for (const [, target = ''] of fs.readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const imported = path.resolve(path.dirname(file), target)
      // main.ts and App.svelte stand above every folder: they only start the wall.
      if (!imported.startsWith(SOURCE + path.sep) || path.dirname(file) === SOURCE) continue
      if (folderOf(file) !== folderOf(imported)) {
        imports.push({ from: folderOf(file), to: folderOf(imported), line: `${path.relative(SOURCE, file)} -> ${path.relative(SOURCE, imported)}` })
      }
    }
  }
  return imports
}

describe('client folders', () => {
  const imports = crossFolderImports()

  it('import one way: no folder imports a folder that imports it, however far round', () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      seen.add(from)
      return imports.some((i) => i.from === from && (i.to === to || (!seen.has(i.to) && reaches(i.to, to, seen))))
    }
    expect(imports.filter((i) => reaches(i.to, i.from)).map((i) => i.line)).toEqual([])
  })

  it('keep panels below the screens and the wall that place them', () => {
    expect(imports.filter((i) => i.from === 'panels' && (i.to === 'screens' || i.to === 'wall')).map((i) => i.line)).toEqual([])
    expect(imports.filter((i) => i.from === 'screens' && i.to === 'wall').map((i) => i.line)).toEqual([])
  })
})
