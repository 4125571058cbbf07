// The live leg of npm run bench: a RegDeck server in its own process on a copy of the
// history database, a fleet of screens in another, and a feed posting records over
// HTTP at a steady rate. Measured: ingest acknowledgement → delta received at each
// screen whose view the records changed; whether any delta went missing; what the
// server's delivery costs per message, beside a bare socket.io server replaying the
// same stream to the same screens (the ceiling).
import { type ChildProcess, fork, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { LiveStats, LiveView } from '../../shared/live'
import type { IngestRecord } from '../../shared/records'
import { DemoGenerator } from '../../server/demo/generator'
import { HOUR_MS } from '../../server/demo/china-time'
import { RegionTree, loadProvinceDivisions } from '../../server/regions/region-tree'
import { estimateReferenceFigures, loadGivenFigures } from '../../server/regions/reference-figures'
import { openDatabase } from '../../server/db/database'
import { freePort } from '../support/free-port'
import { createIntegratorToken } from '../support/integrator-key'
import type { BareCommand, BareReply } from './bare-broadcast'
import { admin, databaseUrl } from './bench-databases'
import { type ClientSeries, type FleetCommand, type FleetReply, epochNow } from './live-fleet'

export interface LiveScenario {
  clients: number
  recordsPerSecond: number
  /** measured; a warm-up before is not */
  seconds: number
  /** also replay the stream through a bare socket.io server */
  bare: boolean
}

export interface LiveFigures {
  clients: number
  views: number
  recordsPerSecond: number
  latencyMs: { p50: number; p99: number; max: number; samples: number }
  /** (batch, screen) pairs whose change never arrived */
  undelivered: number
  gaps: number
  deltasReceived: number
  /** mean size of a delta as JSON (recorded with the bare broadcast only) */
  deltaBytes: number | null
  sampleCompared: number
  sampleDifferent: number
  tickMs: LiveStats['tickMs']
  messages: number
  deliveryMsPer10k: number
  serverCpuMsPer10k: number
  bare?: { messages: number; emitMsPer10k: number; processCpuMsPer10k: number }
}

const TICK_MS = 250
const WARM_UP_SECONDS = 5
const FEED_INTERVAL_MS = 50
/** screens that apply every delta and are compared with fresh snapshots at the end */
const APPLY_SAMPLE = 20

interface Batch {
  ackAt: number
  /** new complaints and reports per region, ancestors included */
  intake: Map<string, number>
  measured: boolean
}

export async function runLiveScenario(historyDatabase: string, scenario: LiveScenario): Promise<LiveFigures> {
  const name = `regdeck_bench_live_${process.pid}_${Date.now()}`
  await admin(`create database ${name} template ${historyDatabase}`)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-bench-live-'))
  const children: ChildProcess[] = []
  try {
    const port = await freePort()
    const authorization = `Bearer ${await keyOn(databaseUrl(name), dataDir)}`
    // Read without logging in (live stats, the fleet's screens); the feed (a request every 50 ms) is no test of the per-key limit.
    // BENCH_SERVER_PROFILE=<folder>: the server writes a CPU profile there when it stops.
    const profile = process.env.BENCH_SERVER_PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
    const server = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl(name), REGDECK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', REGDECK_DEMO: '0', LOG_LEVEL: 'warn', REGDECK_LIVE_TICK_MS: String(TICK_MS), REGDECK_ANONYMOUS: 'viewer', REGDECK_INGEST_RATE_LIMIT: '1000000' },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    children.push(server)
    const base = `http://127.0.0.1:${port}`
    await untilHealthy(base)

    const regions = regionTree()
    const views: LiveView[] = [...regions.all()].flatMap((region) => ['today', 'ytd'].map((period) => ({ region: region.code, period })))
    const recording = path.join(dataDir, 'stream.ndjson')
    const fleet = new Peer<FleetCommand, FleetReply>(fork('test/bench/live-fleet.ts', { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
    children.push(fleet.child)
    const connected = await fleet.ask({ command: 'connect', url: base, clients: scenario.clients, views, applySample: APPLY_SAMPLE, recordTo: scenario.bare ? recording : null }, 'connected')

    const feed = new Feed(base, authorization, regions, scenario.recordsPerSecond)
    await feed.run(WARM_UP_SECONDS * 1000, false)
    const statsBefore = await liveStats(base)
    const cpuBefore = processCpuMs(server.pid as number)
    await feed.run(scenario.seconds * 1000, true)
    const statsAfter = await liveStats(base)
    const cpuAfter = processCpuMs(server.pid as number)
    await sleep(4 * TICK_MS) // the last deltas arrive
    const report = await fleet.ask({ command: 'report' }, 'report')
    const verified = await fleet.ask({ command: 'verify' }, 'verified')

    const latency = latencies(report.series, connected.baselines, feed.batches)
    const messages = statsAfter.messages - statsBefore.messages
    const figures: LiveFigures = {
      clients: scenario.clients,
      views: views.length,
      recordsPerSecond: feed.recordsSent(true) / scenario.seconds,
      latencyMs: latency.summary,
      undelivered: latency.undelivered,
      gaps: report.gaps,
      deltasReceived: report.deltas,
      deltaBytes: report.recorded.deltas === 0 ? null : report.recorded.bytes / report.recorded.deltas,
      sampleCompared: verified.compared,
      sampleDifferent: verified.different,
      tickMs: statsAfter.tickMs,
      messages,
      deliveryMsPer10k: ((statsAfter.deliveryMs - statsBefore.deliveryMs) / messages) * 10_000,
      serverCpuMsPer10k: ((cpuAfter - cpuBefore) / messages) * 10_000,
    }
    if (scenario.bare) figures.bare = await bareBroadcast(recording, scenario.clients, views)
    await fleet.ask({ command: 'close' }, 'closed')
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    return figures
  } finally {
    for (const child of children) child.kill('SIGKILL')
    await sleep(500)
    await admin(`drop database if exists ${name} with (force)`)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function bareBroadcast(recording: string, clients: number, views: LiveView[]): Promise<NonNullable<LiveFigures['bare']>> {
  const bare = new Peer<BareCommand, BareReply>(fork('test/bench/bare-broadcast.ts', { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
  const fleet = new Peer<FleetCommand, FleetReply>(fork('test/bench/live-fleet.ts', { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
  try {
    const { port } = await bare.next('listening')
    await fleet.ask({ command: 'connectBare', url: `http://127.0.0.1:${port}`, clients, views }, 'connected')
    const replayed = await bare.ask({ command: 'replay', file: recording }, 'replayed')
    return {
      messages: replayed.messages,
      emitMsPer10k: (replayed.emitMs / replayed.messages) * 10_000,
      processCpuMsPer10k: (replayed.processCpuMs / replayed.messages) * 10_000,
    }
  } finally {
    bare.child.kill('SIGKILL')
    fleet.child.kill('SIGKILL')
  }
}

/**
 * Demo records of the last moments, posted every FEED_INTERVAL_MS at about `rate` a
 * second, one request at a time so they commit in order. The demo's volume follows the
 * hour of the day, so the speed is kept on the rate as it goes.
 */
class Feed {
  readonly batches: Batch[] = []
  readonly #generator: DemoGenerator
  #speed: number
  readonly #seen = new Set<string>()
  #until: number

  constructor(
    private readonly base: string,
    /** an integrator key's Authorization header */
    private readonly authorization: string,
    private readonly regions: RegionTree,
    private readonly rate: number,
  ) {
    this.#generator = new DemoGenerator({ regions, seed: 5 })
    const now = Date.now()
    const probe = new DemoGenerator({ regions, seed: 6 }).generate(now - HOUR_MS, now, 100).length / 100
    this.#speed = (rate * 3600) / Math.max(1, probe)
    this.#until = Date.now()
  }

  readonly #sent = { warmUp: 0, measured: 0 }

  recordsSent(measured: boolean): number {
    return measured ? this.#sent.measured : this.#sent.warmUp
  }

  async run(durationMs: number, measured: boolean): Promise<void> {
    const end = performance.now() + durationMs
    while (performance.now() < end) {
      const slot = performance.now() + FEED_INTERVAL_MS
      const now = Date.now()
      const records = this.#generator.generate(this.#until, now, this.#speed)
      // Steer towards the rate: lifecycle steps and the hour's rhythm move the volume per unit of speed.
      const wanted = (this.rate * (now - this.#until)) / 1000
      if (wanted > 0) this.#speed *= Math.min(1.2, Math.max(0.8, (wanted / Math.max(1, records.length)) ** 0.25))
      this.#until = now
      if (records.length > 0) {
        const response = await fetch(`${this.base}/api/v1/records?partial=true`, { method: 'POST', headers: { authorization: this.authorization, 'content-type': 'application/json' }, body: JSON.stringify(records) })
        const ackAt = epochNow()
        if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`)
        await response.arrayBuffer()
        this.batches.push({ ackAt, intake: this.#intakeOf(records), measured })
        this.#sent[measured ? 'measured' : 'warmUp'] += records.length
      }
      const wait = slot - performance.now()
      if (wait > 0) await sleep(wait)
    }
  }

  #intakeOf(records: readonly IngestRecord[]): Map<string, number> {
    const intake = new Map<string, number>()
    for (const record of records) {
      if ((record.type !== 'complaint' && record.type !== 'report') || this.#seen.has(record.id)) continue
      this.#seen.add(record.id)
      for (const code of [record.regionCode, ...this.regions.ancestors(record.regionCode).map((region) => region.code)]) intake.set(code, (intake.get(code) ?? 0) + 1)
    }
    return intake
  }
}

/**
 * For each measured batch and each screen whose count it moved: from the batch's
 * acknowledgement to the first delta at that screen carrying a count that includes it.
 */
function latencies(series: readonly ClientSeries[], baselines: readonly number[], batches: readonly Batch[]) {
  const samples: number[] = []
  let undelivered = 0
  series.forEach((client, index) => {
    let expected = baselines[index] ?? 0
    let cursor = 0
    for (const batch of batches) {
      const added = batch.intake.get(client.view.region) ?? 0
      if (added === 0) continue
      expected += added
      if (!batch.measured) continue
      while (cursor < client.counts.length && (client.counts[cursor]?.[1] ?? 0) < expected) cursor += 1
      const arrival = client.counts[cursor]
      if (arrival === undefined) undelivered += 1
      else samples.push(Math.max(0, arrival[0] - batch.ackAt))
    }
  })
  samples.sort((a, b) => a - b)
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.ceil(share * samples.length) - 1)] ?? Number.NaN
  return { summary: { p50: at(0.5), p99: at(0.99), max: samples.at(-1) ?? Number.NaN, samples: samples.length }, undelivered }
}

/** Request and answer over a child's IPC channel. */
class Peer<Command, Reply extends { reply: string }> {
  readonly #waiting: { reply: string; resolve: (reply: Reply) => void }[] = []

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Reply) => {
      const index = this.#waiting.findIndex((waiting) => waiting.reply === message.reply)
      if (index >= 0) this.#waiting.splice(index, 1)[0]?.resolve(message)
    })
  }

  next<K extends Reply['reply']>(reply: K): Promise<Extract<Reply, { reply: K }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ reply, resolve: resolve as (reply: Reply) => void })
      this.child.once('exit', (code) => reject(new Error(`${this.child.spawnargs.join(' ')} exited with ${code}`)))
    })
  }

  ask<K extends Reply['reply']>(command: Command, reply: K): Promise<Extract<Reply, { reply: K }>> {
    const answer = this.next(reply)
    this.child.send(command as object)
    return answer
  }
}

/** A province key's token, made on the database before the server starts. */
async function keyOn(databaseUrl: string, dataDir: string): Promise<string> {
  const database = await openDatabase({ databaseUrl, dataDir })
  try {
    return await createIntegratorToken(database.db)
  } finally {
    await database.close()
  }
}

function regionTree(): RegionTree {
  const divisions = loadProvinceDivisions('510000')
  return new RegionTree(divisions, estimateReferenceFigures(divisions, loadGivenFigures('510000', undefined)))
}

async function liveStats(base: string): Promise<LiveStats> {
  const response = await fetch(`${base}/api/v1/live/stats`)
  return (await response.json()) as LiveStats
}

/** user + system CPU of a process so far (Linux /proc), in ms */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / 100 // USER_HZ is 100 on Linux
}

async function untilHealthy(base: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`no healthy server at ${base}`)
}
