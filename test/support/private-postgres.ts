// A PostgreSQL server of the test's own, on a port of its own, that the test may stop
// and start: the shared server serves every other test file meanwhile. As root (CI),
// the server runs as the postgres user, as PostgreSQL requires.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './free-port'

const run = promisify(execFile)

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  stop(): Promise<void>
  start(): Promise<void>
  /** stops it for good and removes its files */
  remove(): Promise<void>
}

function binaries(): string {
  const root = '/usr/lib/postgresql'
  const version = fs.existsSync(root) ? fs.readdirSync(root).sort().at(-1) : undefined
  if (version === undefined) throw new Error(`no PostgreSQL server binaries under ${root}`)
  return path.join(root, version, 'bin')
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries()
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-pg-'))
  const data = path.join(folder, 'data')
  const asRoot = process.getuid?.() === 0
  if (asRoot) await run('chown', ['-R', 'postgres:postgres', folder])
  const pg = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args))
  const port = await freePort()
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(folder, 'log'), '-w', 'start'])
  }
  const stop = async () => {
    await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  }
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove: async () => {
      await stop().catch(() => {})
      fs.rmSync(folder, { recursive: true, force: true })
    },
  }
}
