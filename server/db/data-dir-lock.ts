// PGlite is a single-process database: two processes on one data folder would
// corrupt it. A pid file makes the second one stop with a clear message instead.
import fs from 'node:fs'
import path from 'node:path'
import { StartupError } from '../config/startup-error'

export interface DataDirLock {
  release(): void
}

export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, 'regdeck.pid')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      return { release: () => fs.rmSync(lockPath, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(fs.readFileSync(lockPath, 'utf8'))
      if (isRunning(holder) && holder !== process.pid) {
        throw new StartupError(`data folder ${dataDir} is in use by process ${holder}; stop it first (PGlite allows one process per folder)`)
      }
      fs.rmSync(lockPath, { force: true }) // left behind by a killed process
    }
  }
  throw new StartupError(`could not lock data folder ${dataDir}`)
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
