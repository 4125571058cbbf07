// The ceiling for fan-out: a bare socket.io server that replays a recorded delta stream
// (the same rooms, the same payload bytes, the same pace) to the same screens. Its CPU
// per message is what socket.io itself costs; RegDeck's delivery is measured against it.
import fs from 'node:fs'
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { Server } from 'socket.io'

export type BareCommand = { command: 'replay'; file: string } | { command: 'close' }
export type BareReply = { reply: 'listening'; port: number } | { reply: 'replayed'; messages: number; emitMs: number; processCpuMs: number; seconds: number }

const server = http.createServer()
const io = new Server(server, { serveClient: false })
io.on('connection', (socket) => {
  socket.on('join', (room: string, ack: () => void) => {
    void Promise.resolve(socket.join(room)).then(ack)
  })
})

const send = (reply: BareReply) => process.send?.(reply)

async function replay(file: string): Promise<void> {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '')
  // Parsed before the clock starts: RegDeck hands socket.io objects, not text.
  const stream = lines.map((line) => {
    const { at, room, payload } = JSON.parse(line) as { at: number; room: string; payload: string }
    return { at, room, delta: JSON.parse(payload) as unknown }
  })
  const start = performance.now()
  const first = stream[0]?.at ?? 0
  const processCpu = process.cpuUsage()
  let emitMs = 0
  let messages = 0
  for (let index = 0; index < stream.length; ) {
    const due = (stream[index]?.at ?? 0) - first
    const wait = due - (performance.now() - start)
    if (wait > 1) await sleep(wait)
    const started = performance.now()
    // Everything recorded within a millisecond goes out together, as a tick's deltas do.
    for (; index < stream.length && (stream[index]?.at ?? 0) - first <= due + 1; index++) {
      const { room, delta } = stream[index] as { room: string; delta: unknown }
      io.to(room).emit('delta', delta)
      messages += io.sockets.adapter.rooms.get(room)?.size ?? 0
    }
    emitMs += performance.now() - started
  }
  await sleep(500) // let the last writes leave
  const total = process.cpuUsage(processCpu)
  send({ reply: 'replayed', messages, emitMs, processCpuMs: (total.user + total.system) / 1000, seconds: (performance.now() - start) / 1000 })
}

process.on('message', (message: BareCommand) => {
  if (message.command === 'close') {
    io.close()
    process.exit(0)
  }
  replay(message.file).catch((error: unknown) => {
    process.stderr.write(`bare broadcast: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address !== null && typeof address === 'object') send({ reply: 'listening', port: address.port })
})
