import { parseRoute, type Route } from './routes'

export class Router {
  path = $state(location.pathname)
  route: Route = $derived(parseRoute(this.path))

  start(): void {
    // The back button restores whatever the address bar now says.
    addEventListener('popstate', () => {
      this.path = location.pathname
    })
    this.#followRedirect()
  }

  navigate(path: string, { replace = false } = {}): void {
    if (path === this.path) return
    if (replace) history.replaceState(null, '', path)
    else history.pushState(null, '', path)
    this.path = path
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

  #followRedirect(): void {
    const route = parseRoute(this.path)
    if (route.name === 'redirect') this.navigate(route.to, { replace: true })
  }
}

export const router = new Router()
