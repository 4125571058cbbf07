// What the wall's live connection relies on of socket.io-client v4, against a real socket.io
// server: a handshake its middleware refuses is not retried (the socket is destroyed, `active`
// false, even with reconnection on), so the client must act on the refusal itself, and a
// `socket.connect()` then asks again. A transport failure, by contrast, is retried by socket.io.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { handshakeRefusal } from '../../../client/src/live/access-end'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** A /live namespace whose middleware refuses the first `refusals` handshakes with `code`. */
async function refusingServer(code: string, refusals: number): Promise<{ url: string; handshakes: () => number }> {
  const http = createServer()
  const server = new Server(http)
  let handshakes = 0
  server.of('/live').use((_socket, next) => {
    handshakes += 1
    if (handshakes > refusals) return next()
    next(Object.assign(new Error('refused'), { data: { code } }))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`, handshakes: () => handshakes }
}

describe('socket.io-client on a refused handshake', () => {
  it('does not retry a middleware refusal by itself, however reconnection is set; connect() asks again', async () => {
    const server = await refusingServer('unavailable', 1)
    const socket = io(server.url, { transports: ['websocket'], reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 200 })
    closers.push(() => void socket.close())
    const error = await new Promise<unknown>((resolve) => socket.once('connect_error', resolve))
    expect(handshakeRefusal(error, socket.active)).toBe('unavailable')
    // Ten of its reconnection delays later, still the one handshake.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect([server.handshakes(), socket.connected, socket.active]).toEqual([1, false, false])
    socket.connect()
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    expect(server.handshakes()).toBe(2)
  })

  it('retries a transport failure itself, which is no refusal', async () => {
    const http = createServer()
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const port = (http.address() as AddressInfo).port
    await new Promise<void>((resolve) => http.close(() => resolve()))
    const socket = io(`http://127.0.0.1:${port}/live`, { transports: ['websocket'], reconnection: true, reconnectionDelay: 100 })
    closers.push(() => void socket.close())
    const error = await new Promise<unknown>((resolve) => socket.once('connect_error', resolve))
    expect(socket.active).toBe(true)
    expect(handshakeRefusal(error, socket.active)).toBeNull()
  })
})
