// RegDeck's commands as real processes: one node process each (no wrapper), so
// signals reach the server itself, as they do under a process manager.
import { type ChildProcess, spawn } from 'node:child_process'

const running = new Set<ChildProcess>()

/** `input`, when given, is piped to the script's standard input, which is then closed. */
export function startNodeScript(script: string, env: Record<string, string>, args: string[] = [], input?: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, REGDECK_DEMO: '0', PORT: '0', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  // A script that refuses before reading its input closes the pipe; that is its answer, not an error here.
  child.stdin?.on('error', () => {})
  child.stdin?.end(input)
  running.add(child)
  child.on('exit', () => running.delete(child))
  return child
}

export function killAllStarted(): void {
  for (const child of running) child.kill('SIGKILL')
}

export async function runToExit(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk) => (stdout += chunk))
  child.stderr?.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, stdout, stderr }
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)))
}

/** Resolves with all output once `pattern` appears; rejects if the process exits first. */
export async function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (pattern.test(output)) {
        clearTimeout(timer)
        resolve(output)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${output}`))
    })
  })
}

/** The base URL a started server printed, e.g. http://localhost:41234. */
export async function waitUntilReady(child: ChildProcess): Promise<string> {
  const output = await waitForLine(child, /RegDeck is ready: (http:\S+)\/wall/)
  const url = /RegDeck is ready: (http:\S+)\/wall/.exec(output)?.[1]
  if (url === undefined) throw new Error('no URL in the ready line')
  return url
}
