/// <reference lib="dom" />
// Which font files a page fetched: of the shipped font (client/src/main.ts) a screen should take
// only the unicode-range subsets its text falls in.
import type { Page } from 'playwright-core'

/** Starts listening on the page; the returned list fills with the URL of every font file it requests. */
export function watchFontRequests(page: Page): string[] {
  const urls: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'font') urls.push(request.url())
  })
  return urls
}

/** Once every font the page's text asks for has loaded (or failed). */
export async function fontsSettled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}
