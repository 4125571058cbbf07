// A new password for the admin command: piped in (scripts, tests) it is the first line of
// standard input; at a terminal it is typed twice without echo, so it is neither shown
// nor kept in the shell's history or the process list.
import readline from 'node:readline'
import { StartupError } from '../config/startup-error'

export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine()
  const password = await askHidden('new password: ')
  if ((await askHidden('the same again: ')) !== password) throw new StartupError('the two passwords differ; nothing changed')
  return password
}

async function readFirstLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of lines) return line
  return ''
}

const ENTER = new Set(['\r', '\n', '\u0004'])
const ERASE = new Set(['\u007f', '\b'])
const INTERRUPT = '\u0003'

function askHidden(prompt: string): Promise<string> {
  const input = process.stdin
  // Echo off before the prompt shows: whatever is typed once it is there is never displayed.
  input.setRawMode(true)
  process.stderr.write(prompt)
  input.setEncoding('utf8')
  input.resume()
  return new Promise((resolve, reject) => {
    let typed: string[] = []
    const finish = () => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
    }
    function onData(chunk: string) {
      for (const char of chunk) {
        if (ENTER.has(char)) {
          finish()
          resolve(typed.join(''))
          return
        }
        if (char === INTERRUPT) {
          finish()
          reject(new StartupError('cancelled; nothing changed'))
          return
        }
        if (ERASE.has(char)) typed = typed.slice(0, -1)
        else if (char >= ' ') typed.push(char)
      }
    }
    input.on('data', onData)
  })
}
