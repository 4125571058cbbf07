// Another team's wall, written from the README's protocol table with a plain
// socket.io-client and no reconnect code of its own, must come back by itself after
// a deploy: the server is a real process, stopped with SIGTERM and started again.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Socket, io } from 'socket.io-client'
import { afterAll, describe, expect, it } from 'vitest'
import { LIVE_NAMESPACE, type LiveAck, type Subscribed } from '../../../shared/live'
import { freePort } from '../../support/free-port'
import { exitOf, killAllStarted, startNodeScript, waitForLine } from '../../support/processes'

const VIEW = { region: '510100', period: 'today' }

describe('a stock socket.io client across a real restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regdeck-stock-client-'))
  let socket: Socket | undefined
  afterAll(() => {
    socket?.close()
    killAllStarted()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('sees the transport close, reconnects by itself and subscribes again', async () => {
    const port = String(await freePort())
    const start = async () => {
      const server = startNodeScript('server/main.ts', { REGDECK_DATA_DIR: dataDir, PORT: port, REGDECK_ANONYMOUS: 'viewer' })
      await waitForLine(server, /RegDeck is ready/)
      return server
    }
    const first = await start()
    // Nothing but socket.io-client's defaults.
    socket = io(`http://127.0.0.1:${port}${LIVE_NAMESPACE}`)
    const subscribe = () => socket!.timeout(5000).emitWithAck('subscribe', VIEW) as Promise<LiveAck<Subscribed>>
    const connections: string[] = []
    const disconnections: string[] = []
    socket.on('connect', () => connections.push(socket!.id ?? ''))
    socket.on('disconnect', (reason) => disconnections.push(reason))
    await expect.poll(() => connections.length, { timeout: 10_000 }).toBe(1)
    expect((await subscribe()).ok).toBe(true)

    first.kill('SIGTERM')
    expect(await exitOf(first)).toBe(0)
    expect(disconnections).toHaveLength(1)
    // "io server disconnect" would leave a stock client disconnected for good.
    expect(disconnections[0]).toBe('transport close')
    expect(socket.active).toBe(true)

    await start()
    await expect.poll(() => connections.length, { timeout: 15_000 }).toBe(2)
    const again = await subscribe()
    expect(again.ok).toBe(true)
  }, 60_000)
})
