// A fleet of wall screens in a process of its own (its CPU is not the server's): each
// socket holds one view and notes when its complaints count moved, and whether any delta
// was missed. A recorder socket holds every view and writes the stream it saw, for the
// bare broadcast to replay; a sample of screens applies every delta, to be compared
// with fresh snapshots at the end. Driven over IPC by live-bench.ts.
import fs from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import { type Socket, io } from 'socket.io-client'
import { LIVE_NAMESPACE, type LiveAck, type LiveDelta, type LiveSnapshot, type LiveView, type Subscribed } from '../../shared/live'
import { applyChanges } from '../../shared/live-patch'
import { METRIC_KEYS } from '../../shared/metrics'

export type FleetCommand =
  | { command: 'connect'; url: string; clients: number; views: LiveView[]; applySample: number; recordTo: string | null }
  | { command: 'connectBare'; url: string; clients: number; views: LiveView[] }
  | { command: 'report' }
  | { command: 'verify' }
  | { command: 'close' }

export interface ClientSeries {
  view: LiveView
  /** [local epoch ms received, complaints received] each time the count moved */
  counts: [number, number][]
}

export type FleetReply =
  | { reply: 'connected'; baselines: number[] }
  | { reply: 'report'; series: ClientSeries[]; deltas: number; gaps: number; bareMessages: number; recorded: { deltas: number; bytes: number } }
  | { reply: 'verified'; compared: number; different: number }
  | { reply: 'closed' }

type AnySocket = Socket

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on this machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now()

const COUNT_PATH = `/summary/metrics/${METRIC_KEYS.indexOf('complaints_received')}/value`

class Screen {
  seq = 0
  counts: [number, number][] = []
  snapshot: LiveSnapshot | undefined

  constructor(
    readonly socket: AnySocket,
    readonly view: LiveView,
    readonly applies: boolean,
  ) {}
}

const screens: Screen[] = []
const bareSockets: AnySocket[] = []
let deltas = 0
let gaps = 0
let recorded = { deltas: 0, bytes: 0 }
let bareMessages = 0
let recorder: { socket: AnySocket; file: number } | undefined

const send = (reply: FleetReply) => process.send?.(reply)

function open(url: string): Promise<AnySocket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

function ask<T>(socket: AnySocket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    socket.emit(event, payload, (answer: LiveAck<T>) => (answer.ok ? resolve(answer.data) : reject(new Error(answer.error.message)))),
  )
}

function countOf(snapshot: LiveSnapshot): number {
  return snapshot.summary.metrics.find((metric) => metric.key === 'complaints_received')?.value ?? 0
}

async function connect({ url, clients, views, applySample, recordTo }: Extract<FleetCommand, { command: 'connect' }>): Promise<void> {
  const baselines: number[] = []
  // A few at a time: a wall of screens coming up together, not one burst.
  for (let start = 0; start < clients; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, clients - start) }, async (_, offset) => {
        const index = start + offset
        const view = views[index % views.length] as LiveView
        const socket = await open(`${url}${LIVE_NAMESPACE}`)
        const screen = new Screen(socket, view, index < applySample)
        socket.on('delta', (delta: LiveDelta) => {
          deltas += 1
          if (delta.seq !== screen.seq + 1) gaps += 1
          screen.seq = delta.seq
          const moved = delta.changes.find((change) => change.path === COUNT_PATH)
          if (moved !== undefined && 'value' in moved) screen.counts.push([epochNow(), moved.value as number])
          if (screen.applies && screen.snapshot !== undefined) screen.snapshot = applyChanges(screen.snapshot, delta.changes)
        })
        const subscribed = await ask<Subscribed>(socket, 'subscribe', view)
        screen.seq = subscribed.seq
        if (screen.applies) screen.snapshot = subscribed.snapshot
        baselines[index] = countOf(subscribed.snapshot)
        screens[index] = screen
      }),
    )
  }
  if (recordTo !== null) {
    const socket = await open(`${url}${LIVE_NAMESPACE}`)
    const file = fs.openSync(recordTo, 'w')
    socket.on('delta', (delta: LiveDelta) => {
      const payload = JSON.stringify(delta)
      recorded = { deltas: recorded.deltas + 1, bytes: recorded.bytes + Buffer.byteLength(payload) }
      fs.writeSync(file, `${JSON.stringify({ at: epochNow(), room: `${delta.region}|${delta.period}`, payload })}\n`)
    })
    for (const view of views) await ask<Subscribed>(socket, 'subscribe', view)
    recorder = { socket, file }
  }
  send({ reply: 'connected', baselines })
}

/** The same screens, each in the room of its view, on a bare socket.io server. */
async function connectBare({ url, clients, views }: Extract<FleetCommand, { command: 'connectBare' }>): Promise<void> {
  for (let start = 0; start < clients; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, clients - start) }, async (_, offset) => {
        const view = views[(start + offset) % views.length] as LiveView
        const socket = await open(url)
        socket.on('delta', () => (bareMessages += 1))
        await new Promise<void>((resolve) => socket.emit('join', `${view.region}|${view.period}`, () => resolve()))
        bareSockets.push(socket)
      }),
    )
  }
  send({ reply: 'connected', baselines: [] })
}

/** Every screen that applied its deltas holds what a fresh subscription answers. */
async function verify(): Promise<void> {
  let compared = 0
  let different = 0
  for (const screen of screens.filter((each) => each.applies)) {
    const fresh = await ask<Subscribed>(screen.socket, 'subscribe', screen.view)
    compared += 1
    if (!isDeepStrictEqual(fresh.snapshot, screen.snapshot)) different += 1
  }
  send({ reply: 'verified', compared, different })
}

process.on('message', (message: FleetCommand) => {
  const run = async () => {
    switch (message.command) {
      case 'connect':
        return connect(message)
      case 'connectBare':
        return connectBare(message)
      case 'report':
        return send({ reply: 'report', series: screens.map((screen) => ({ view: screen.view, counts: screen.counts })), deltas, gaps, bareMessages, recorded })
      case 'verify':
        return verify()
      case 'close':
        for (const socket of [...screens.map((screen) => screen.socket), ...bareSockets, ...(recorder ? [recorder.socket] : [])]) socket.disconnect()
        if (recorder) fs.closeSync(recorder.file)
        send({ reply: 'closed' })
        return process.exit(0)
    }
  }
  run().catch((error: unknown) => {
    process.stderr.write(`fleet: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })
})
