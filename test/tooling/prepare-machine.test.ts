// `npm test` on a fresh machine: what the browser tests need is installed, or the run
// stops at once with the command that installs it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runToExit, startNodeScript } from '../support/processes'

const SCRIPT = 'test/tooling/prepare-machine.ts'

describe('prepare-machine', () => {
  it('stops at once, naming the install command, where Chromium is missing and cannot be installed', async () => {
    // Only node on PATH: no apt-get to install with.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-path-'))
    fs.symlinkSync(process.execPath, path.join(bin, 'node'))
    const started = Date.now()
    const { code, stderr } = await runToExit(startNodeScript(SCRIPT, { PATH: bin, CHROMIUM_PATH: '/nonexistent/chromium' }))
    fs.rmSync(bin, { recursive: true, force: true })
    expect(code).toBe(1)
    expect(stderr).toContain('apt-get install -y chromium\n')
    expect(stderr).toContain('CHROMIUM_PATH')
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('passes quietly where Chromium is present, without looking for CJK fonts (the client ships its own)', async () => {
    // Only node on PATH: no fc-list to find fonts with, no apt-get to install them with.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-path-'))
    fs.symlinkSync(process.execPath, path.join(bin, 'node'))
    const { code, stdout, stderr } = await runToExit(startNodeScript(SCRIPT, { PATH: bin }))
    fs.rmSync(bin, { recursive: true, force: true })
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})
