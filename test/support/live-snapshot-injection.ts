// Puts crafted alerts and task figures into every snapshot the server's live socket answers a
// page with (subscribe and resync acks), for screens tested before the server parts that fill
// them: everything else the page sees is the real server's. socket.io over WebSocket only.
import type { Page } from 'playwright-core'
import type { LiveSnapshot } from '../../shared/live'

/** An ack of the /live namespace: `43/live,<id>[<answer>]`. */
const ACK = /^43\/live,(\d+)(\[.*\])$/s

export async function injectIntoLiveSnapshots(page: Page, part: () => Pick<LiveSnapshot, 'alerts' | 'tasks'>): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((message) => server.send(message))
    server.onMessage((message) => {
      const ack = typeof message === 'string' ? ACK.exec(message) : null
      if (ack === null) return ws.send(message)
      const answer = JSON.parse(ack[2] as string) as [{ ok: boolean; data?: { snapshot?: LiveSnapshot } }]
      const snapshot = answer[0]?.data?.snapshot
      if (snapshot !== undefined) Object.assign(snapshot, part())
      ws.send(`43/live,${ack[1]}${JSON.stringify(answer)}`)
    })
  })
}
