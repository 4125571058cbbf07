import { parseRoute, type Route } from './routes'

const here = () => location.pathname + location.search

export class Router {
  /** path and query, as in the address bar */
  url = $state(here())
  route: Route = $derived(this.#parse(this.url))

  start(): void {
    // The back button restores whatever the address bar now says.
    addEventListener('popstate', () => {
      this.url = here()
    })
    this.#followRedirect()
  }

  navigate(url: string, { replace = false } = {}): void {
    if (url === this.url) return
    if (replace) history.replaceState(null, '', url)
    else history.pushState(null, '', url)
    this.url = url
    this.#followRedirect()
  }

  /** Click handler for in-app links: keeps new-tab clicks working, routes the rest here. */
  onLinkClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const anchor = (event.currentTarget as Element).closest('a')
    const href = anchor?.getAttribute('href')
    if (!href?.startsWith('/')) return
    event.preventDefault()
    this.navigate(href)
  }

  #parse(url: string): Route {
    const query = url.indexOf('?')
    return query === -1 ? parseRoute(url) : parseRoute(url.slice(0, query), url.slice(query))
  }

  #followRedirect(): void {
    const route = this.#parse(this.url)
    if (route.name === 'redirect') this.navigate(route.to, { replace: true })
  }
}

export const router = new Router()
