// A test app on a fresh PGlite database, listening on a free port, with a Chromium page to open
// it and what the Content-Security-Policy refuses on that page watched.
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { type BrowserOptions, launchBrowser, listenForBrowser } from './browser'
import { watchCspRefusals } from './csp-refusals'
import { buildTestApp } from './test-app'
import { createTestDatabase } from './test-databases'

export interface BrowsedApp {
  app: FastifyInstance
  baseUrl: string
  page: Page
  /** what Chromium refused under the CSP; empty it to start counting again */
  refused: string[]
  close(): Promise<void>
}

/** `prepare` runs on the app before it listens (users, records). */
export async function browseTestApp(env: Record<string, string>, prepare: (app: FastifyInstance) => Promise<void> = async () => {}, browserOptions: BrowserOptions = {}): Promise<BrowsedApp> {
  const database = await createTestDatabase('pglite')
  const app = await buildTestApp({ ...database.env, ...env })
  await prepare(app)
  const baseUrl = await listenForBrowser(app)
  const browser = await launchBrowser({ width: 1920, height: 1080 }, browserOptions)
  const page = await browser.context.newPage()
  return {
    app,
    baseUrl,
    page,
    refused: await watchCspRefusals(page),
    close: async () => {
      await browser.close()
      await app.close()
      await database.drop()
    },
  }
}
