// Which methods the registered routes answer at a path, so that a known path asked
// with another method is told 405 and what to use (Allow), not 404.
import type { HTTPMethods } from 'fastify'

export class RouteMethods {
  readonly #routes: { pattern: RegExp; methods: Set<string> }[] = []

  add(url: string, method: HTTPMethods | HTTPMethods[]): void {
    const source = patternSource(url)
    let route = this.#routes.find((known) => known.pattern.source === source)
    if (route === undefined) {
      route = { pattern: new RegExp(source), methods: new Set() }
      this.#routes.push(route)
    }
    for (const name of [method].flat()) route.methods.add(name)
  }

  /** The methods of every route whose path matches, in a stable order; empty when none does. */
  allowedAt(path: string): string[] {
    const methods = new Set<string>()
    for (const route of this.#routes) if (route.pattern.test(path)) for (const method of route.methods) methods.add(method)
    return [...methods].sort()
  }
}

/** A route path as find-my-way reads it: `:name` is one segment, `*` the rest. */
function patternSource(url: string): string {
  const segments = url.split('/').map((segment) => {
    if (segment === '*') return '.*'
    if (segment.startsWith(':')) return '[^/]+'
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  })
  return `^${segments.join('/')}$`
}
