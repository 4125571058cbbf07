/// <reference lib="dom" />
// What Chromium refuses under the server's Content-Security-Policy, as its
// `securitypolicyviolation` events and console errors say: a refused script, style, font or
// socket would leave a page unstyled or dead.
import type { Page } from 'playwright-core'

/** Starts listening on the page; the returned list fills as Chromium refuses things (empty it to start again). */
export async function watchCspRefusals(page: Page): Promise<string[]> {
  const refused: string[] = []
  await page.exposeFunction('reportRefused', (what: string) => refused.push(what))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { reportRefused(what: string): Promise<void> }).reportRefused(`${event.violatedDirective}: ${event.blockedURI || 'inline'}`)
    })
  })
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text())
  })
  return refused
}
